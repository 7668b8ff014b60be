"""The approval gate: only a typed 'yes' in this run makes an Approval; it is spent once."""

from __future__ import annotations

import pytest

from automator.approval import Approval, Summary, is_approval, press_final, request_approval

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


@pytest.mark.parametrize("interrupt", [EOFError, KeyboardInterrupt])
def test_end_of_input_and_ctrl_c_decline(interrupt: type[BaseException]) -> None:
    def ask(_summary: Summary) -> str:
        raise interrupt

    assert request_approval("run", SUMMARY, ask) is None


def test_the_prompt_sees_what_will_be_cancelled() -> None:
    seen: list[Summary] = []
    request_approval("run", SUMMARY, lambda s: seen.append(s) or "no")
    assert seen == [SUMMARY]


def test_an_approval_cannot_be_made_by_hand() -> None:
    with pytest.raises(TypeError):
        Approval(object(), "run", SUMMARY)


def test_press_final_needs_a_real_approval_from_this_run_and_spends_it() -> None:
    button, guard = FakeButton(), FakeGuard()
    with pytest.raises(TypeError):
        press_final(button, "yes", "run", guard)  # type: ignore[arg-type]
    approval = request_approval("run-1", SUMMARY, lambda _s: "yes")
    assert approval is not None
    with pytest.raises(PermissionError, match="another run"):
        press_final(button, approval, "run-2", guard)  # type: ignore[arg-type]
    assert button.clicks == 0 and guard.allowed is False
    press_final(button, approval, "run-1", guard)  # type: ignore[arg-type]
    assert button.clicks == 1 and guard.allowed is True
    with pytest.raises(PermissionError, match="already been used"):
        press_final(button, approval, "run-1", guard)  # type: ignore[arg-type]
    assert button.clicks == 1


def test_only_the_gate_names_the_final_button() -> None:
    """No module but the site's declaration and the gate may reference 'Yes, Cancel'."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "automator"
    users = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if "final_button" in p.read_text() or "Yes, Cancel" in p.read_text()
    )
    assert users == ["cancel.py", "cli.py", "sites/base.py", "sites/coursera.py"]
    cancel_py = (root / "cancel.py").read_text()
    assert cancel_py.count("site.final_button(") == 1
    assert "press_final(site.final_button(page), approval" in cancel_py
