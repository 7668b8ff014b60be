"""Reading Coursera's subscription rows and retention offers: pure functions over their text.

Kept apart from the browser so that every rule is a row in a table test. The words matched
are the string table's (strings/); a row or an offer that matches nothing is left
unrecognised, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automator.errors import AutomatorError
from automator.holdings import Holding
from automator.sites.coursera.strings import EN, ICASE, Strings
from automator.status import Status

GOOGLE_PLAY_URL = "https://play.google.com/store/account/subscriptions"


class NotChosen(AutomatorError):
    """Several subscriptions and no single choice: the message lists them."""

    status = Status.SUBSCRIPTION_NOT_CHOSEN


@dataclass(frozen=True)
class Row:
    """One subscription as the page shows it."""

    name: str
    state: str  # "active", "cancelled", "paused"
    price: str | None = None
    next_billing_date: str | None = None
    access_until: str | None = None
    channel: str = "coursera"  # or "apple", "google_play", "organization"
    provider: str | None = None  # who provides it, for an organisation
    cancellable: bool = False  # the row has its own cancel button
    trial: bool = False  # in its free trial
    trial_ends: str | None = None

    def line(self) -> str:
        bits = [
            self.name,
            self.price or "",
            f"free trial until {self.trial_ends}" if self.trial and self.trial_ends else "",
            f"next billing {self.next_billing_date}" if self.next_billing_date else "",
        ]
        if self.state != "active":
            bits.append(self.state + (f" (access until {self.access_until})" if self.access_until else ""))
        if self.channel != "coursera":
            bits.append(f"billed by {self.provider or self.channel}")
        return ", ".join(b for b in bits if b)


def _after(labels: str, text: str, s: Strings) -> str | None:
    found = re.search(rf"\b(?:{labels})\b[:\s]*(?:on\s+)?\(?({s.date})", text, ICASE)
    return found.group(1) if found else None


def parse_row(
    name: str, text: str, cancellable: bool, details: dict[str, str] | None = None, s: Strings = EN
) -> Row:
    """A row from its plan name, its visible text and its labelled details (term → value)."""
    text = " ".join(text.split())
    labelled = {k.strip().lower(): " ".join(v.split()) for k, v in (details or {}).items()}
    state = "active"
    if s.cancelled.search(text) and not cancellable:
        state = "cancelled"
    elif s.paused.search(text) and not cancellable:
        state = "paused"
    price = re.search(s.price, text, ICASE)
    channel, provider = _channel(text, labelled, cancellable, s)
    trial = bool(s.trial.search(f"{name} {text}"))
    trial_ends = _after(s.trial_ends, text, s) if trial else None
    access = _after(s.access_until, text, s)
    return Row(
        name=name,
        state=state,
        price=price.group(0) if price else None,
        next_billing_date=_after(s.next_billing, text, s),
        access_until=access or (trial_ends if state == "cancelled" else None),
        channel=channel,
        provider=provider,
        cancellable=cancellable,
        trial=trial,
        trial_ends=trial_ends,
    )


def _channel(text: str, labelled: dict[str, str], cancellable: bool, s: Strings) -> tuple[str, str | None]:
    """Who bills it: Coursera unless the row, which the website cannot cancel, says otherwise.

    A labelled "Billed by" value decides; else the row's own text. A row with its own
    cancel button is the website's to cancel, whatever a help text nearby says."""
    if cancellable:
        return "coursera", None
    provider_label = next((k for k in labelled if re.fullmatch(s.provided_by, k, ICASE)), None)
    if provider_label is not None:
        return "organization", labelled[provider_label]
    billed = next((labelled[label] for label in s.billed_by if label in labelled), None)
    for source in (billed, text) if billed else (text,):
        if s.apple.search(source):
            return "apple", "Apple"
        if s.google_play.search(source):
            return "google_play", "Google Play"
        if s.organization.search(source):
            by = next((labelled[label] for label in s.billed_by if label in labelled), None)
            provided = by or _provided_by(text, s)
            return "organization", provided
        if billed:
            return "coursera", None  # "Billed by: Coursera", whatever the text says
    return "coursera", None


def _provided_by(text: str, s: Strings) -> str | None:
    found = re.search(rf"(?i:{s.provided_by})\s+([A-Z][\w&.,' -]{{1,60}}?)(?:[.;]|\s{{2}}|$)", text)
    return found.group(1).strip() if found else None


def way_out(row: Row) -> str:
    """Exactly where a subscription billed outside coursera.org is cancelled."""
    if row.channel == "apple":
        return (
            "It is billed by Apple (it was bought in the Coursera iOS app), so coursera.org cannot "
            "cancel it. On your iPhone or iPad: Settings > [your name] > Subscriptions > Coursera > "
            "Cancel Subscription. Deleting the app does not cancel it."
        )
    if row.channel == "google_play":
        return (
            "It is billed by Google Play (it was bought in the Coursera Android app), so "
            "coursera.org cannot cancel it. On Android: Play Store > profile icon > Payments & "
            f"subscriptions > Subscriptions > Coursera > Cancel subscription, or {GOOGLE_PLAY_URL} . "
            "Deleting the app does not cancel it."
        )
    who = row.provider or "your organisation"
    return (
        f"It is provided by {who} (an employer, university or government programme), so only "
        "they can end it: contact your organisation's Coursera administrator."
    )


def holding(row: Row) -> Holding:
    """A row as `automator status` and `automator remind` read it."""
    elsewhere = row.channel != "coursera"
    return Holding(
        plan=row.name,
        state=row.state,
        trial=row.trial,
        price=row.price,
        next_charge=row.next_billing_date,
        access_until=row.access_until,
        trial_ends=row.trial_ends,
        channel=row.channel,
        billed_by=(row.provider or row.channel.replace("_", " ").title()) if elsewhere else "Coursera",
        way_out=way_out(row) if elsewhere else None,
    )


def choose(rows: list[Row], wanted: str | None) -> Row | None:
    """The row to act on: by --subscription (unique, case-insensitive part of the name), or the
    only subscription still running. None when there are no rows; NotChosen when several run
    and nobody chose, or the name matches none or several."""
    if wanted:
        needle = wanted.strip().lower()
        exact = [r for r in rows if r.name.lower() == needle]
        found = exact or [r for r in rows if needle in r.name.lower()]
        if len(found) == 1:
            return found[0]
        problem = "matches none" if not found else "matches more than one"
        raise NotChosen(f"--subscription {wanted!r} {problem} of: {listing(rows)}")
    running = [r for r in rows if r.state != "cancelled"]
    if len(running) == 1:
        return running[0]
    if not running:
        return rows[0] if rows else None
    raise NotChosen(
        f"there are {len(running)} subscriptions; choose one with --subscription NAME: {listing(rows)}"
    )


def listing(rows: list[Row]) -> str:
    return "; ".join(row.line() for row in rows)


def offer_kind(text: str, s: Strings = EN) -> str | None:
    """Which known retention offer this is, or None (then it is never accepted or declined)."""
    # A switch to the annual plan often says what it saves: it is a switch, not a discount.
    kinds = (("pause", s.offer_pause), ("switch_annual", s.offer_annual), ("discount", s.offer_discount))
    for kind, pattern in kinds:
        if pattern.search(text):
            return kind
    return None
