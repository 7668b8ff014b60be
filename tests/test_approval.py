"""The approval gate: only a typed 'yes' in this run makes an Approval; it is spent once."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from automator.approval import Approval, Summary, is_approval, press_approved, request_approval
from automator.cancel import Run
from automator.credentials import Credentials
from automator.errors import AutomatorError
from automator.flow import AtOffer, Screen
from automator.settings import RunSettings
from automator.sites.base import Confirmation, FlowContext, Offer, Site
from automator.sites.coursera import COURSERA
from automator.status import Status
from tests.support import DEMO_EMAIL, DEMO_PASSWORD
from tests.support.person import ScriptedPerson
from tests.support.replay import Replays

CANCEL = "/api/subscriptions/v1/cancel"
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

    def ask(summary: Summary) -> str:
        seen.append(summary)
        return "no"

    request_approval("run", SUMMARY, ask)
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
    assert (button.clicks, guard.allowed) == (0, False)  # a tuple: mypy keeps `allowed` a bool
    press_approved(button, approval, "run-1", guard, 1000)  # type: ignore[arg-type]
    assert (button.clicks, guard.allowed) == (1, True)
    with pytest.raises(PermissionError, match="already been used"):
        press_approved(button, approval, "run-1", guard, 1000)  # type: ignore[arg-type]
    assert button.clicks == 1


# The buttons of the replayed pages that change the account, and a listener that reports every
# click that reaches one of them (a mouse click, a key press on it, or a script's .click()).
ACCOUNT_CHANGING = '[data-e2e="confirm-cancel-button"], [data-e2e="accept-offer-button"]'
RECORD_CLICKS = f"""document.addEventListener("click", event => {{
  const button = event.target instanceof Element && event.target.closest({json.dumps(ACCOUNT_CHANGING)});
  if (button) window.accountChangingClick();
}}, true);"""
CONFIRM = "/account-settings/subscriptions/cancel/confirm"
OFFER = "/account-settings/subscriptions/cancel/offer"


def _every_call(
    site: Site, ctx: FlowContext, offer: Offer, confirmation: Confirmation
) -> list[tuple[str, Callable[[Page], object]]]:
    """Every handler of every screen the site has, and every call the runner makes of the site."""

    def act(screen: Screen) -> Callable[[Page], object]:
        return lambda page: screen.act(page, ctx)

    calls = [(f"the {screen.name} handler", act(screen)) for screen in site.screens]
    return [
        *calls,
        ("inspect_confirmation", lambda page: site.inspect_confirmation(page, ctx)),
        ("unchanged", lambda page: site.unchanged(page, confirmation)),
        ("back_out", lambda page: site.back_out(page, confirmation, ctx)),
        ("decline_offer", lambda page: site.decline_offer(page, offer, ctx)),
        ("verify_offer", lambda page: site.verify_offer(page, offer, ctx)),
        ("verify_cancelled", lambda page: site.verify_cancelled(page, ctx)),
        ("subscription_state", lambda page: site.subscription_state(page, ctx)),
        ("masks", lambda page: site.masks(page, ctx)),
        ("obstacles", lambda page: site.obstacles.clear(page)),
    ]


def _wait_for(page: Page, done: Callable[[], bool], timeout_s: float = 5) -> None:
    """Until `done()`, letting the page's reports in (they arrive while Playwright waits)."""
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        page.wait_for_timeout(20)


def test_no_code_but_the_gate_presses_the_final_button(replay: Replays, page: Page, tmp_path: Path) -> None:
    """With no approval, nothing the run or the Coursera site does presses "Yes, Cancel" (or an
    offer's accept button): not the whole run, declined, nor any handler or call of the site run
    on the final dialog itself. The page records every click those buttons get; the same record
    shows a handler that did press it, and the one press the gate makes with an approval."""
    server = replay()
    clicks: list[str] = []
    calling = ["the run"]  # who is acting on the page now
    page.expose_function("accountChangingClick", lambda: clicks.append(calling[0]))
    page.add_init_script(RECORD_CLICKS)
    cookie = server.signed_in_cookie()
    page.context.add_cookies([cookie])  # type: ignore[list-item]  # Playwright's cookie type is private
    settings = RunSettings(server.url, False, True, tmp_path / "out", tmp_path / "data", timeout_s=5)
    settings.out_dir.mkdir()
    person = ScriptedPerson(approval=None, offer=None)  # at every question: no answer
    ctx = FlowContext(lambda: Credentials(DEMO_EMAIL, DEMO_PASSWORD, "environment"), None, 5000)
    run = Run(page, settings, person, COURSERA, ctx)

    # The whole run, declined: the screens on its way, an offer met, the final dialog.
    ending = run.go()
    assert clicks == []
    assert ending.status is Status.DECLINED, ending.message
    assert person.asked and [q for q, _ in person.asked] == ["offer", "approval"]

    # Every handler and call of the site on the final dialog, each as far as it gets there.
    calling[0] = "the retention_offer handler, on its offer"
    page.goto(server.url + OFFER)
    met = next(s for s in COURSERA.screens if s.name == "retention_offer").act(page, ctx)
    assert isinstance(met, AtOffer)
    page.goto(server.url + CONFIRM)
    confirmation = COURSERA.inspect_confirmation(page, ctx)
    ctx.ask_secret, ctx.choose = (lambda _prompt: "246810"), (lambda _rows: 0)  # answers that go on
    ctx.timeout_ms = run.walk.timeout_ms = 300  # what is not on this page is not waited for long
    page.set_default_timeout(300)
    for name, call in _every_call(COURSERA, ctx, met.offer, confirmation):
        page.goto(server.url + CONFIRM)
        calling[0] = name
        with contextlib.suppress(AutomatorError, PlaywrightError, AssertionError):
            call(page)
    page.wait_for_timeout(100)  # a click's report comes from the page: let a late one arrive
    assert clicks == []

    # The record can fail: a handler that pressed the button would be named here...
    ctx.timeout_ms = run.walk.timeout_ms = 5000
    page.set_default_timeout(5000)
    page.goto(server.url + CONFIRM)
    calling[0] = "a handler that presses it"
    ctx.click(page.get_by_role("button", name="Yes, Cancel"), "Yes, Cancel")
    _wait_for(page, lambda: bool(clicks and run.guard.blocked))
    assert clicks == ["a handler that presses it"]
    assert [held.url for held in run.guard.blocked] == [server.url + CANCEL]  # the guard held it back
    assert server.requests_to("POST", CANCEL) == []

    # ...and the gate, given the person's approval, presses it once, and the request goes out.
    page.goto(server.url + CONFIRM)
    calling[0] = "the gate"
    approval = request_approval(run.run_id, SUMMARY, lambda _s: "yes")
    assert approval is not None
    with page.expect_response(f"**{CANCEL}"):
        press_approved(confirmation.button, approval, run.run_id, run.guard, 5000)
    _wait_for(page, lambda: len(clicks) == 2)
    assert clicks == ["a handler that presses it", "the gate"]
    assert [e["status"] for e in server.requests_to("POST", CANCEL)] == [200]


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


def test_an_approved_click_that_starts_a_page_load_returns_once_it_is_sent(page: Page) -> None:
    """A confirming button that loads a page the site is slow to answer: the click was sent, so
    press_approved returns and the run goes on to read what the site did. (Playwright's click
    waits for a page load it starts: it timed out here, and under load the real flow's Yes,
    Cancel ended the run unsure instead of reading Subscriptions again.)"""
    button = '<button onclick="location.assign(`/after-the-click`)">Yes, Cancel</button>'
    page.route("**/*", lambda route: route.fulfill(content_type="text/html", body=button))
    page.route("**/after-the-click", lambda _route: None)  # matched first, and never answered
    page.goto("http://127.0.0.1:9/")  # answered by the route: no server is asked
    approval = request_approval("run", SUMMARY, lambda _s: "yes")
    assert approval is not None
    guard = FakeGuard()
    with page.expect_request("**/after-the-click"):  # the click did start the page load
        press_approved(page.get_by_role("button", name="Yes, Cancel"), approval, "run", guard, 3_000)  # type: ignore[arg-type]
    assert approval.pressed_at and guard.allowed
