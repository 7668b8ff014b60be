"""The Coursera screens against the replay's pages, in a real browser (pytest-playwright)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from automator.credentials import Credentials
from automator.flow import recognise
from automator.sites.coursera import SCREENS, choose_reason
from automator.sites.coursera.retention import reason_unmatched
from automator.sites.coursera.strings import EN
from tests.support import DEMO_EMAIL, DEMO_PASSWORD
from tests.support.replay import Replay

SCREEN_BY_PATH = [
    ("/", False, "signed_out_home"),
    ("/login", False, "sign_in"),
    ("/", True, "signed_in"),
    ("/my-purchases/transactions", True, "my_purchases"),
    ("/account-settings", True, "account_settings"),
    ("/account-settings/subscriptions", True, "subscriptions"),
    ("/account-settings/subscriptions/cancel/survey", True, "cancel_survey"),
    ("/account-settings/subscriptions/cancel/offer", True, "retention_offer"),
    ("/account-settings/subscriptions/cancel/confirm", True, "confirm_cancel"),
]


def _sign_in(page: Page, url: str) -> None:
    response = page.request.post(url + "/api/login/v3", data={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
    assert response.ok


@pytest.mark.parametrize(("path", "signed_in", "expected"), SCREEN_BY_PATH)
def test_each_recorded_page_is_recognised_as_its_screen(
    replay: Callable[..., Replay], page: Page, path: str, signed_in: bool, expected: str
) -> None:
    server = replay()
    if signed_in:
        _sign_in(page, server.url)
    page.goto(server.url + path)
    screen = recognise(page, SCREENS, timeout_ms=5000)
    assert screen is not None and screen.name == expected


def test_an_unknown_page_is_recognised_as_nothing(page: Page) -> None:
    page.set_content("<main><h1>Something new</h1><button>Cancel subscription</button></main>")
    assert recognise(page, SCREENS, timeout_ms=300) is None


def test_a_lookalike_page_is_recognised_by_role_and_name_not_layout(page: Page) -> None:
    """A page built differently (other classes, order, no ids) still reads as the final dialog."""
    page.set_content("""
      <div class="x9f2"><section role="dialog" aria-label="Confirm">
        <div><span>Sure?</span></div>
        <div class="b1"><button>Keep Subscription</button></div>
        <div class="b2"><button class="css-1x2y3z">Yes, Cancel</button></div>
      </section></div>""")
    screen = recognise(page, SCREENS, timeout_ms=1000)
    assert screen is not None and screen.name == "confirm_cancel" and screen.destructive


@pytest.mark.parametrize(
    ("labels", "wanted", "expected"),
    [
        (["It's too expensive", "Prefer not to say", "Other"], None, 1),
        (["It's too expensive", "Other"], None, 1),
        (["It's too expensive", "No time"], None, None),
        (["It's too expensive", "Prefer not to say"], "expensive", 0),
        (["It's too expensive", "Prefer not to say"], "IT'S TOO EXPENSIVE", 0),
        (["I don't have enough time", "Time zone problems"], "time", None),  # ambiguous
        (["It's too expensive"], "boredom", None),
    ],
)
def test_survey_reason_choice(labels: list[str], wanted: str | None, expected: int | None) -> None:
    assert choose_reason(labels, wanted, EN.neutral_reasons) == expected


def test_a_reason_that_matches_several_choices_names_them() -> None:
    """None, or several: the person is told which, with every choice the page offered."""
    labels = ["I don't have enough time", "Time zone problems", "Other"]
    said = reason_unmatched("time", labels)
    assert "matches more than one of the survey's choices (I don't have enough time; Time zone" in said
    assert "they are: I don't have enough time; Time zone problems; Other." in said
    assert "none" not in reason_unmatched("time", labels)
    alone = reason_unmatched("boredom", ["It's too expensive"])
    assert "matches none of the survey's choices: It's too expensive." in alone


def _dialog(
    actions: str, text: str = "You'll keep access to Coursera Plus Monthly until December 14, 2026."
) -> str:
    return f"""<main><h1>Subscriptions</h1></main>
      <div class="x" role="dialog" aria-modal="true" aria-label="Cancel?"><h2>Cancel your plan?</h2>
        <p>{text} You won't be charged again.</p><div>{actions}</div></div>"""


FINAL_DIALOGS = [
    (
        '<a href="#">Close</a><a href="#">Keep Subscription</a><button>Yes, Cancel</button>',
        None,
        "Yes, Cancel",
    ),
    (
        '<button>Go back</button><button class="css-9q">Cancel subscription</button>',
        None,
        "Cancel subscription",
    ),
    (
        '<div role="button" tabindex="0">Confirm cancellation</div><span role="link">Never mind</span>',
        None,
        None,
    ),
    (
        "<button>Keep Subscription</button><button>Get 50% off instead</button><button>Yes, Cancel</button>",
        "actions the flow does not know ('Get 50% off instead')",
        None,
    ),
    (
        '<label>Type CANCEL <input type="text"></label>'
        "<button>Keep Subscription</button><button disabled>Yes, Cancel</button>",
        "a field to fill in",
        None,
    ),
    (
        '<button>Keep Subscription</button><button aria-disabled="true">Yes, Cancel</button>',
        "is disabled",
        None,
    ),
    (
        "<button>Keep Subscription</button><button>Go back</button><button>Yes, Cancel</button>",
        "no single way back",
        None,
    ),
]


def _no_sign_in() -> Credentials:
    raise AssertionError("the final dialog asks for no credentials")


@pytest.mark.parametrize(("actions", "problem", "label"), FINAL_DIALOGS)
def test_the_final_dialog_is_known_by_meaning_and_any_change_is_drift(
    page: Page, actions: str, problem: str | None, label: str | None
) -> None:
    from automator.errors import Drift
    from automator.sites.base import FlowContext
    from automator.sites.coursera import COURSERA

    page.set_content(_dialog(actions))
    screen = recognise(page, SCREENS, timeout_ms=2000)
    assert screen is not None and screen.name == "confirm_cancel"
    ctx = FlowContext(_no_sign_in, None, 2000)
    ctx.facts.plan = "Coursera Plus Monthly"
    if problem is None:
        confirmation = COURSERA.inspect_confirmation(page, ctx)
        assert confirmation.button.count() == 1
        assert confirmation.label == (label or "Confirm cancellation")
        assert confirmation.terms and "won't be charged" in confirmation.terms
    else:
        with pytest.raises(Drift, match=re.escape(problem)):
            COURSERA.inspect_confirmation(page, ctx)


def test_a_final_dialog_about_another_plan_is_not_pressed(page: Page) -> None:
    from automator.errors import Drift
    from automator.sites.base import FlowContext
    from automator.sites.coursera import COURSERA

    page.set_content(
        _dialog("<button>Keep Subscription</button><button>Yes, Cancel</button>", "Cancel IBM Data Science?")
    )
    ctx = FlowContext(_no_sign_in, None, 2000)
    ctx.facts.plan = "Coursera Plus Monthly"
    with pytest.raises(Drift, match="does not name the plan 'Coursera Plus Monthly'"):
        COURSERA.inspect_confirmation(page, ctx)


SIGN_IN_FORM = """<form><label>Email <input name="email" type="email"></label>
  <label>Password <input name="password" type="password"></label>
  <button type="submit" data-e2e="login-form-submit-button">Login</button></form>"""


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f"<main><h1>Welcome back</h1>{SIGN_IN_FORM}</main>", "sign_in"),  # /login, a page
        (  # ?authMode=login: a modal dialog over the signed-out home page
            '<header><a data-e2e="header-login-button" href="/?authMode=login">Log In</a></header>'
            f'<div role="dialog" aria-modal="true" aria-label="Log in">{SIGN_IN_FORM}</div>',
            "sign_in",
        ),
        (  # the two-factor step of the sign-in dialog
            '<header><a data-e2e="header-login-button" href="/">Log In</a></header>'
            '<div role="dialog" aria-modal="true" aria-label="Log in"><label>Verification code '
            '<input autocomplete="one-time-code"></label><button>Verify</button></div>',
            "two_factor",
        ),
        (  # the home page under a dialog nobody knows
            '<header><a data-e2e="header-login-button" href="/">Log In</a></header>'
            '<div role="dialog" aria-label="Win a prize"><button>Spin</button></div>',
            "unknown_dialog",
        ),
    ],
    ids=["page", "dialog", "two-factor-dialog", "unknown-dialog"],
)
def test_the_sign_in_is_known_as_a_page_and_as_a_dialog(page: Page, html: str, expected: str) -> None:
    page.set_content(html)
    screen = recognise(page, SCREENS, timeout_ms=2000)
    assert screen is not None and screen.name == expected
