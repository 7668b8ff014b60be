"""What a site module provides to the generic runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Locator, Page

from automator.account import Account
from automator.approval import GuardRules
from automator.credentials import Credentials
from automator.flow import Next, Obstacles, Screen
from automator.holdings import HoldingsPage
from automator.refund import RefundRules


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
    trial: bool = False  # the subscription is in its free trial
    trial_ends: str | None = None
    confirm_button: str | None = None  # the final dialog's confirming button, as worded there


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
    decline_label: str = "No thanks"


@dataclass(frozen=True)
class Confirmation:
    """The final dialog as it was when the person was asked: what can be pressed, and its words."""

    dialog: Locator
    button: Locator  # the one confirming control
    label: str  # its exact text, quoted to the person
    way_back: Locator
    way_back_label: str
    terms: str | None  # the dialog's own sentence about access and charges
    snapshot: str  # the dialog's accessibility tree: any change means it is not pressed


def _no_answer(_prompt: str) -> str | None:
    return None


def _plain_click(target: Locator, _label: str) -> None:
    target.click()


def _plain_check(target: Locator, _label: str) -> None:
    target.check()


def _one_wait(attempt: Callable[[float], bool]) -> bool:
    return attempt(30_000)


@dataclass
class FlowContext:
    """Passed to every handler: who signs in, what the person asked for, what was learned.

    Credentials are fetched only when a sign-in form is met: a saved session needs none.
    Handlers click through `click` and `check`, which the run points at the walk's own
    (they wait until a control can take the click, and say at once when it cannot).
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
    click: Callable[[Locator, str], None] = _plain_click
    check: Callable[[Locator, str], None] = _plain_check
    # Waits for `attempt(ms)` to succeed; False once the page has settled or failed without it.
    wait: Callable[[Callable[[float], bool]], bool] = _one_wait
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
    name: str  # the registry's key, and run.json's "site"
    title: str  # the site's name as people say it
    home: str  # where the person can look for themselves, e.g. a host name
    account: Account  # its environment variables and keyring service
    start_path: str
    sign_in_path: str  # where `automator login` opens the site's sign-in
    screens: Sequence[Screen]
    # Which requests would cancel or take an offer; blocked in the browser until the person approves.
    guard_rules: GuardRules
    masks: Callable[[Page, FlowContext], list[Locator]]
    # The final dialog, read and checked: raises Drift when it is not exactly what the flow knows.
    inspect_confirmation: Callable[[Page, FlowContext], Confirmation]
    # Whether the final dialog is still exactly as the person saw it when asked.
    unchanged: Callable[[Page, Confirmation], bool]
    decline_offer: Callable[[Page, Offer, FlowContext], Next]
    verify_offer: Callable[[Page, Offer, FlowContext], str]
    back_out: Callable[[Page, Confirmation, FlowContext], None]
    verify_cancelled: Callable[[Page, FlowContext], str]
    # On the subscriptions screen: "cancelled" or "active" for the run's plan; None if unsure.
    subscription_state: Callable[[Page, FlowContext], str | None]
    # Page text (saved HTML, ARIA snapshots) without the person's name, email or card digits.
    scrub: Callable[[str, FlowContext], str]
    # Visible only when signed in (the account menu): what `automator login` waits for.
    signed_in_marker: Callable[[Page], Locator]
    # The person's name, as a recorded page shows it (the recorder scrubs it from the pages).
    name_in_html: Callable[[str], str | None]
    # Screens met before signing in; any other screen means the session is worth saving.
    signed_out_screens: frozenset[str]
    # What `masks` hides, in words, for the report's legend ("your email address", …).
    masked: tuple[str, ...] = ()
    obstacles: Obstacles = field(default_factory=Obstacles)
    session_cookie: str = ""  # the cookie that holds the signed-in session, for recordings
    # What `automator check` holds each screen to, and the screens a dry run is expected to meet.
    contracts: dict[str, Any] = field(default_factory=dict)
    expected_flow: tuple[str, ...] = ()
    # The bundled recording of each language (a folder under the project's fixtures/), whose
    # contracts/ hold the templates `automator check` compares with by default.
    recordings: dict[str, str] = field(default_factory=dict)
    # The languages it has word tables for (BCP 47 tags), and what a person with an account in
    # another language can do about it.
    languages: tuple[str, ...] = ("en",)
    language_help: str = ""
    language: str = "en"  # the language of the words this Site matches
    locale: str = "en-US"  # the browser's locale for it
    # The same site with the words of another of its languages (a tag of `languages`).
    in_language: Callable[[str], Site] | None = None
    # A date as this site writes it, as YYYY-MM-DD (None if it cannot be read).
    iso_date: Callable[[str | None], str | None] = lambda _text: None
    # Its refund rules, each with its source and date (automator/refund.py); None: none known.
    refund_rules: RefundRules | None = None
    # Where it lists the account's subscriptions, for the read-only walk (`automator status`).
    holdings: HoldingsPage | None = None

    def table_for(self, tag: str) -> str | None:
        """Which of `languages` serves a page in `tag`: the tag itself (`pt-BR`), else one of
        the same language (`es` for `es-419`, `pt-BR` for `pt`); None if none does."""
        primary = tag.split("-")[0].lower()
        exact = [t for t in self.languages if t.lower() == tag.lower()]
        general = [t for t in self.languages if t.lower() == primary]
        kin = [t for t in self.languages if t.split("-")[0].lower() == primary]
        return next(iter(exact + general + kin), None)
