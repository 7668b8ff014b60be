"""What an account holds, as `automator status` and `automator remind` show it: pure functions.

A site reads its list of subscriptions into `Holding`s, in its own words (dates as the page
writes them). `standings` turns them into what the person reads on a given day: the state in
words, the next charge as YYYY-MM-DD with the days left, the access-until date, and a warning
when a charge is close. Nothing here opens a browser; the walk that reads the list is in
status_walk.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from playwright.sync_api import Page

SOON_DAYS = 3  # a charge this many days away or less is said in words


@dataclass(frozen=True)
class Holding:
    """One subscription as the site lists it, in the site's own words."""

    plan: str
    state: str  # "active", "cancelled" or "paused"
    trial: bool = False  # in its free trial: the first charge comes when the trial ends
    price: str | None = None
    next_charge: str | None = None  # the next charge's date, as the page writes it
    access_until: str | None = None
    trial_ends: str | None = None
    channel: str = ""  # who bills it, as run.json's `billing.channel` names it
    billed_by: str = ""  # the same, as a person says it
    way_out: str | None = None  # where to cancel it, when the tool cannot (billed elsewhere)

    @property
    def upcoming(self) -> bool:
        """Whether it will charge again unless cancelled: running, or in its trial."""
        return self.state == "active"


# The refund window of a holding on a day, in words, or None where none applies or nothing is
# known (automator/refund.py `refund_window`, from the site's rules table).
RefundWindow = Callable[[Holding, date], str | None]


def no_refund_window(_holding: Holding, _today: date) -> str | None:
    return None


@dataclass(frozen=True)
class HoldingsPage:
    """Where a site lists what the account holds, and the only screens acted on to get there.

    The read-only walk acts on the screens of `way` (the sign-in, the menus) and on nothing
    else: any other screen met before `screen` stops it as drift."""

    screen: str  # the name of the screen that lists the subscriptions
    way: frozenset[str]
    read: Callable[[Page, Any], list[Holding]]  # the list, read on that screen (page, FlowContext)


@dataclass(frozen=True)
class Standing:
    """A holding as the person reads it on `today`."""

    holding: Holding
    state: str  # "active", "free trial", "cancelled" or "paused"
    next_charge: str | None  # YYYY-MM-DD
    days_left: int | None
    access_until: str | None  # YYYY-MM-DD, else the page's words
    refund_window: str | None
    warning: str | None  # the charge in words, when it is SOON_DAYS away or less

    def as_dict(self) -> dict[str, Any]:
        """--json's entry: the page's words (`holding`) and what was worked out from them."""
        return {
            "plan": self.holding.plan,
            "state": self.state,
            "billed_by": self.holding.billed_by,
            "channel": self.holding.channel,
            "price": self.holding.price,
            "next_charge_date": self.next_charge,
            "days_left": self.days_left,
            "access_until": self.access_until,
            "refund_window": self.refund_window,
            "warning": self.warning,
            "way_out": self.holding.way_out,
            "as_shown": {k: v for k, v in asdict(self.holding).items() if k not in ("channel", "way_out")},
        }


def charge_words(holding: Holding) -> str | None:
    """The next charge's date as the page writes it: the billing date, or a trial's end."""
    if not holding.upcoming:
        return None
    return holding.next_charge or (holding.trial_ends if holding.trial else None)


def standings(
    holdings: list[Holding],
    iso_date: Callable[[str | None], str | None],
    today: date,
    refund: RefundWindow = no_refund_window,
) -> list[Standing]:
    """Each holding on `today`; `iso_date` reads the site's dates (in the page's language)."""
    return [standing(holding, iso_date, today, refund) for holding in holdings]


def standing(
    holding: Holding, iso_date: Callable[[str | None], str | None], today: date, refund: RefundWindow
) -> Standing:
    charge = iso_date(charge_words(holding))
    days = days_until(charge, today)
    state = "free trial" if holding.trial and holding.state == "active" else holding.state
    return Standing(
        holding=holding,
        state=state,
        next_charge=charge,
        days_left=days,
        access_until=iso_date(holding.access_until) or holding.access_until,
        refund_window=refund(holding, today),
        warning=charge_soon(holding.price, charge, today, trial=holding.trial, plan=holding.plan),
    )


def days_until(iso: str | None, today: date) -> int | None:
    return (date.fromisoformat(iso) - today).days if iso else None


def amount(price: str) -> str:
    """What one charge is: "$59.00" of "$59.00 / month"."""
    return price.split("/", 1)[0].strip() or price


def charge_soon(
    price: str | None, on: str | None, today: date, *, trial: bool = False, plan: str | None = None
) -> str | None:
    """'Your next charge of $59.00 is in 2 days (2026-12-03).' when the charge on `on`
    (YYYY-MM-DD) is SOON_DAYS days away or less; None otherwise (or when it is past)."""
    days = days_until(on, today)
    if days is None or not 0 <= days <= SOON_DAYS:
        return None
    when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
    what = f"of {amount(price)} " if price else ""
    if trial:
        sentence = f"Your free trial ends {when} ({on}): then the first charge {what}is made"
    else:
        sentence = f"Your next charge {what}is {when} ({on})"
    return f"{plan}: {sentence[0].lower()}{sentence[1:]}." if plan else f"{sentence}."


def facts_warning(subscription: dict[str, Any], today: date) -> str | None:
    """The same warning for a cancel run's subscription, from run.json's `subscription`."""
    dates = subscription.get("dates") or {}
    trial = bool(subscription.get("trial"))
    on = dates.get("next_billing_date") or (dates.get("trial_ends") if trial else None)
    return charge_soon(subscription.get("price"), on, today, trial=trial)
