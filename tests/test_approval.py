"""The approval gate: only a typed 'yes' in this run makes an Approval; it is spent once."""

from __future__ import annotations

import pytest

from automator.approval import Approval, Summary, is_approval, press_approved, request_approval

SUMMARY = Summary("Coursera Plus Monthly", "$59.00 / month", "December 14, 2026", "December 14, 2026")


class FakeButton:
    def __init__(self) -> None:
        self.clicks = 0

    def click(self, **_: object) -> None:
        self.clicks += 1


class FakeGuard:
    allowed = False


@pytest.mark.parametrize(
    ("answer", "approved"),
    [
        ("yes", True),
        ("yes\n", True),
        ("  YES  ", True),
        ("Yes\n", True),
        ("y", False),
        ("no", False),
        ("", False),
        ("\n", False),
        ("yes please", False),
        ("yes, cancel", False),
        ("oui", False),
        (None, False),
    ],
)
def test_only_the_typed_word_approves(answer: str | None, approved: bool) -> None:
    assert is_approval(answer) is approved
    assert (request_approval("run", SUMMARY, lambda _s: answer) is not None) is approved


def test_end_of_input_declines() -> None:
    def ask(_summary: Summary) -> str:
        raise EOFError

    assert request_approval("run", SUMMARY, ask) is None


def test_ctrl_c_mints_no_approval_and_stops_the_run() -> None:
    """Ctrl-C at the prompt is no approval, and it is not swallowed: the run ends interrupted
    (tests/test_terminal.py shows it from a real terminal)."""

    def ask(_summary: Summary) -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        request_approval("run", SUMMARY, ask)


def test_the_prompt_sees_what_will_be_cancelled() -> None:
    seen: list[Summary] = []
    request_approval("run", SUMMARY, lambda s: seen.append(s) or "no")
    assert seen == [SUMMARY]


def test_an_approval_cannot_be_made_by_hand() -> None:
    with pytest.raises(TypeError):
        Approval(object(), "run", SUMMARY)


def test_press_approved_needs_a_real_approval_from_this_run_and_spends_it() -> None:
    button, guard = FakeButton(), FakeGuard()
    with pytest.raises(TypeError):
        press_approved(button, "yes", "run", guard, 1000)  # type: ignore[arg-type]
    approval = request_approval("run-1", SUMMARY, lambda _s: "yes")
    assert approval is not None
    with pytest.raises(PermissionError, match="another run"):
        press_approved(button, approval, "run-2", guard, 1000)  # type: ignore[arg-type]
    assert button.clicks == 0 and guard.allowed is False
    press_approved(button, approval, "run-1", guard, 1000)  # type: ignore[arg-type]
    assert button.clicks == 1 and guard.allowed is True
    with pytest.raises(PermissionError, match="already been used"):
        press_approved(button, approval, "run-1", guard, 1000)  # type: ignore[arg-type]
    assert button.clicks == 1


def test_only_the_gate_presses_what_changes_the_account() -> None:
    """The final button and an offer's accept button are pressed only through press_approved."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "automator"
    sources = {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.py")}
    callers = sorted(name for name, text in sources.items() if "press_approved(" in text)
    assert callers == ["approval.py", "cancel.py"]
    runner = sources["cancel.py"]
    assert runner.count("press_approved(") == 1 + runner.count("import press_approved")
    assert "press_approved(button, approval, self.run_id, self.guard, self.settings.timeout_ms)" in runner
    assert "self._press(confirmation.button, confirmation.label, approval, what=confirmation.label)" in runner
    assert 'self._press(offer.accept, offer.accept_label, approval, what="offer")' in runner
    # Nothing clicks the final button or an offer's accept button directly.
    for name, text in sources.items():
        direct = r"(confirmation\.button|\.accept)\.click|click\((confirmation\.button|offer\.accept)"
        assert not re.search(direct, text), name


BEFORE_THE_CLICK = """Locator.click: Timeout 30000ms exceeded.
Call log:
  - waiting for get_by_role("button", name="Yes, Cancel")
    - locator resolved to <button disabled>Yes, Cancel</button>
  - attempting click action
    - waiting for element to be visible, enabled and stable
    - element is not enabled
  - retrying click action"""
AFTER_THE_CLICK = """Locator.click: Timeout 30000ms exceeded.
Call log:
  - waiting for get_by_role("button", name="Yes, Cancel")
  - attempting click action
    - waiting for element to be visible, enabled and stable
    - element is visible, enabled and stable
    - performing click action
    - click action done
    - waiting for scheduled navigations to finish"""


class FailingButton(FakeButton):
    def __init__(self, log: str) -> None:
        super().__init__()
        self.log = log

    def click(self, **_: object) -> None:
        from playwright.sync_api import Error

        self.clicks += 1
        raise Error(self.log)


def test_a_click_that_never_reached_the_page_is_not_pressed_and_one_that_did_may_be() -> None:
    """The run says "nothing was sent" only when Playwright's own log shows the click stopped
    before any event reached the page; otherwise the click may have happened."""
    from playwright.sync_api import Error

    from automator.errors import NotPressed

    for log, raised in ((BEFORE_THE_CLICK, NotPressed), (AFTER_THE_CLICK, Error), ("Target closed", Error)):
        guard = FakeGuard()
        approval = request_approval("run", SUMMARY, lambda _s: "yes")
        assert approval is not None
        with pytest.raises(raised):
            press_approved(FailingButton(log), approval, "run", guard, 1000)  # type: ignore[arg-type]
        # Not pressed: the guard closes again; maybe pressed: it stays open for what was sent.
        assert guard.allowed is (raised is not NotPressed)
