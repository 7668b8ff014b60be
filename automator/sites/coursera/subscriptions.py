"""Reading Coursera's subscription rows and retention offers: pure functions over their text.

Kept apart from the browser so that every rule is a row in a table test. The words matched
here are what coursera-site.md reports or guesses; a row or an offer that matches nothing is
left unrecognised, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automator.errors import AutomatorError
from automator.status import Status

ICASE = re.IGNORECASE
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = rf"(?:{MONTHS}) \d{{1,2}}, \d{{4}}"
PRICE = r"[$€£₹]\s?\d[\d,]*(?:\.\d\d)?(?:\s*/\s*(?:month|mo|year|yr))?"

GOOGLE_PLAY_URL = "https://play.google.com/store/account/subscriptions"
CHANNELS = {
    "apple": re.compile(r"\b(apple|app store|itunes|ios app)\b", ICASE),
    "google_play": re.compile(r"\b(google play|play store|android app)\b", ICASE),
    "organization": re.compile(
        r"\b(provided by|coursera for (business|campus|government)|your organi[sz]ation|employer)\b", ICASE
    ),
}
OFFER_KINDS = {
    "pause": re.compile(r"\bpause", ICASE),
    "discount": re.compile(r"\d+\s?% off|\bdiscount|half price", ICASE),
    "switch_annual": re.compile(r"\b(annual|yearly)\b", ICASE),
}


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

    def line(self) -> str:
        bits = [
            self.name,
            self.price or "",
            f"next billing {self.next_billing_date}" if self.next_billing_date else "",
        ]
        if self.state != "active":
            bits.append(self.state + (f" (access until {self.access_until})" if self.access_until else ""))
        if self.channel != "coursera":
            bits.append(f"billed by {self.provider or self.channel}")
        return ", ".join(b for b in bits if b)


def _after(label: str, text: str) -> str | None:
    found = re.search(rf"{label}:?\s+({DATE})", text, ICASE)
    return found.group(1) if found else None


def parse_row(name: str, text: str, cancellable: bool, details: dict[str, str] | None = None) -> Row:
    """A row from its plan name, its visible text and its labelled details (term → value)."""
    text = " ".join(text.split())
    labelled = {k.strip().lower(): " ".join(v.split()) for k, v in (details or {}).items()}
    state = "active"
    if re.search(r"\bcancel+ed\b", text, ICASE) and not cancellable:
        state = "cancelled"
    elif re.search(r"\bpaused\b", text, ICASE) and not cancellable:
        state = "paused"
    price = re.search(PRICE, text)
    channel, provider = "coursera", None
    billed = labelled.get("provided by") or labelled.get("billed by")
    for kind, pattern in CHANNELS.items():
        if not cancellable and pattern.search(text):
            channel = kind
            break
    if channel == "organization":
        provider = billed
    elif channel in ("apple", "google_play"):
        provider = {"apple": "Apple", "google_play": "Google Play"}[channel]
    return Row(
        name=name,
        state=state,
        price=price.group(0) if price else None,
        next_billing_date=_after(r"next (?:billing|payment) date", text),
        access_until=_after(r"(?:access|paused) until", text) or _after(r"until", text),
        channel=channel,
        provider=provider,
        cancellable=cancellable,
    )


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


def offer_kind(text: str) -> str | None:
    """Which known retention offer this is, or None (then it is never accepted or declined)."""
    for kind, pattern in OFFER_KINDS.items():
        if pattern.search(text):
            return kind
    return None
