"""What a site module provides to the generic runner."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Locator, Page

from automator.credentials import Credentials
from automator.flow import Next, Screen


@dataclass
class Facts:
    """What the walk learned on the way, for the approval prompt and the report."""

    plan: str | None = None
    price: str | None = None
    next_billing_date: str | None = None
    access_until: str | None = None
    full_name: str | None = None
    reason: str | None = None
    route: str | None = None  # "settings" or "my_purchases"
    subscriptions: list[str] = field(default_factory=list)
    offers: list[dict[str, str]] = field(default_factory=list)
    end_date_choice: str | None = None
    billing: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Offer:
    """A retention offer met on the way: what it is, and its two ways out."""

    kind: str  # "pause", "discount", "switch_annual"
    title: str
    text: str
    dialog: Locator
    accept: Locator
    decline: Locator
    accept_label: str | None


def _no_answer(_prompt: str) -> str | None:
    return None


@dataclass
class FlowContext:
    """Passed to every handler: who signs in, what the person asked for, what was learned.

    Credentials are fetched only when a sign-in form is met: a saved session needs none.
    """

    get_credentials: Callable[[], Credentials]
    reason: str | None
    timeout_ms: float
    subscription: str | None = None  # --subscription: a unique part of the plan's name
    headless: bool = True
    # How long to wait for the person to act in the browser (CAPTCHA, a code typed there).
    human_timeout_ms: float = 300_000
    info: Callable[[str], None] = lambda _message: None
    ask_secret: Callable[[str], str | None] = _no_answer
    # Asks the person to pick one of several subscriptions; None when nobody is at a terminal.
    choose: Callable[[list[Any]], int | None] = lambda _rows: None
    session_reused: bool = False
    facts: Facts = field(default_factory=Facts)
    _credentials: Credentials | None = None

    def credentials(self) -> Credentials:
        if self._credentials is None:
            self._credentials = self.get_credentials()
        return self._credentials

    @property
    def email(self) -> str | None:
        """The email, if credentials were needed in this run."""
        return self._credentials.email if self._credentials else None


@dataclass(frozen=True)
class Site:
    name: str
    start_path: str
    screens: Sequence[Screen]
    # Requests that would cancel or take an offer; blocked in the browser until the person approves.
    guarded_requests: re.Pattern[str]
    masks: Callable[[Page, FlowContext], list[Locator]]
    final_button: Callable[[Page], Locator]
    read_confirmation: Callable[[Page, FlowContext], None]
    decline_offer: Callable[[Page, Offer, FlowContext], Next]
    verify_offer: Callable[[Page, Offer, FlowContext], str]
    back_out: Callable[[Page, FlowContext], None]
    verify_cancelled: Callable[[Page, FlowContext], str]
    # On the subscriptions screen: "cancelled" or "active" for the run's plan; None if unsure.
    subscription_state: Callable[[Page, FlowContext], str | None]
    # Page text (saved HTML, ARIA snapshots) without the person's name, email or card digits.
    scrub: Callable[[str, FlowContext], str]
    # Visible only when signed in (the account menu): what `automator login` waits for.
    signed_in_marker: Callable[[Page], Locator]
    # Screens met before signing in; any other screen means the session is worth saving.
    signed_out_screens: frozenset[str]
    # What `automator check` holds each screen to, and the screens a dry run is expected to meet.
    contracts: dict[str, Any] = field(default_factory=dict)
    expected_flow: tuple[str, ...] = ()
