"""The Coursera screens against the replay's pages, in a real browser (pytest-playwright)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from automator.flow import recognise
from automator.sites.coursera import SCREENS, _choose_reason
from tests.conftest import DEMO_EMAIL, DEMO_PASSWORD

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
    replay, page: Page, path: str, signed_in: bool, expected: str
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
    assert _choose_reason(labels, wanted) == expected
