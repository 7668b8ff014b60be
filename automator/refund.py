"""Whether a refund *may* be possible for a subscription, and why.

A pure function of what the tool read about the subscription (`RefundFacts`), the day, and a
site's table of rules (`RefundRules`), each rule with where it is written and its date. What
it returns (`RefundNote`) says what the rules say, that cancelling does not request a refund,
and where the person can ask. It never promises a refund, and nothing here asks for one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from automator.holdings import Holding

# "may": a refund may be possible; "none": the rules give none; "elsewhere": another company
# billed it and its rules apply; "unknown": no rule the tool knows covers the plan.
Outlook = Literal["may", "none", "elsewhere", "unknown"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
NOT_REQUESTED = "Cancelling does not request a refund, and this tool never asks for one for you."


@dataclass(frozen=True)
class RefundFacts:
    """What is known of one subscription: the words run.json's `subscription` keeps."""

    plan: str | None = None
    price: str | None = None
    channel: str = ""  # who bills it: "" (or the site's own name) the site itself, else e.g. "apple"
    trial: bool = False  # in its free trial (cancelled before the trial's first charge)
    next_billing: date | None = None
    last_payment: date | None = None  # None: not read

    @classmethod
    def from_subscription(cls, sub: Mapping[str, Any]) -> RefundFacts:
        """From run.json's `subscription` (its `dates` are YYYY-MM-DD)."""
        dates = sub.get("dates") or {}
        billing = sub.get("billing") or {}
        return cls(
            plan=sub.get("plan"),
            price=sub.get("price"),
            channel=str(billing.get("channel") or ""),
            trial=bool(sub.get("trial")),
            next_billing=_day(dates.get("next_billing_date")),
            last_payment=_day(dates.get("last_payment")),
        )


@dataclass(frozen=True)
class RefundRule:
    """One rule of a site's refund terms, where it is written and since when it holds.

    It applies to a subscription billed through one of `channels` whose plan name matches
    `plan` and price matches `price` (regular expressions, case-insensitive; "" matches
    anything, a missing price included), in its free trial or not as `trial` says (None:
    either), from `since` (else the source's date) on. The first rule with an `outlook` that
    applies decides; `window_days` counts a refund's window from the last payment. A rule with
    no outlook only adds its sentence (a condition, a caveat)."""

    key: str
    says: str  # what the rule is, as the person reads it: never a promise
    source: str
    dated: date | None  # the source's date; None: the source is undated
    outlook: Outlook | None = None
    short: str = ""  # the deciding rule's words for a table cell
    window_days: int = 0
    plan: str = ""
    price: str = ""
    channels: tuple[str, ...] = ("",)
    trial: bool | None = False
    since: date | None = None
    ask: str = ""  # where to ask instead of the site (a store); "" the site's own way

    def applies(self, facts: RefundFacts, today: date) -> bool:
        start = self.since or self.dated
        return (
            facts.channel in self.channels
            and (self.trial is None or self.trial == facts.trial)
            and (start is None or start <= today)
            and _matches(self.plan, facts.plan)
            and _matches(self.price, facts.price)
        )

    @property
    def cited(self) -> str:
        return f"{self.source}, {self.dated.isoformat() if self.dated else 'undated'}"


@dataclass(frozen=True)
class RefundRules:
    """A site's refund rules, in order, and how a person asks it for a refund."""

    rules: tuple[RefundRule, ...]
    how_to_ask: str
    unknown_plan: str = "No rule the tool knows says whether this plan can be refunded."


@dataclass(frozen=True)
class RefundNote:
    """What the person reads about a refund: whether one may be possible, why, and how to ask."""

    outlook: Outlook
    short: str  # for a table cell: "may be possible until 2026-12-15"
    reasons: tuple[str, ...]
    how_to_ask: str
    sources: tuple[str, ...]
    deadline: date | None = None  # the window's last day, when the last payment is known

    def lines(self) -> list[str]:
        return [
            f"Refund: {self.short}.",
            *(f"  {reason}" for reason in self.reasons),
            f"  {NOT_REQUESTED}",
            f"  {self.how_to_ask}",
            f"  (Rules from: {'; '.join(self.sources)}.)",
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "outlook": self.outlook,
            "short": self.short,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "reasons": list(self.reasons),
            "how_to_ask": self.how_to_ask,
            "sources": list(self.sources),
            "lines": self.lines(),
        }


def refund_note(
    facts: RefundFacts | Mapping[str, Any], today: date, rules: RefundRules | None
) -> RefundNote | None:
    """What may be possible for this subscription today, by `rules`; None when there is nothing
    to say (no rules for the site, nothing known of the subscription). `facts` may also be
    run.json's `subscription`."""
    if not isinstance(facts, RefundFacts):
        facts = RefundFacts.from_subscription(facts)
    if rules is None or not (facts.plan or facts.channel):
        return None
    applying = [rule for rule in rules.rules if rule.applies(facts, today)]
    decider = next((rule for rule in applying if rule.outlook), None)
    extra = [rule.says for rule in applying if rule.outlook is None]
    if decider is None:
        outlook: Outlook = "unknown"
        short, reasons, deadline = "not known for this plan", [rules.unknown_plan], None
    elif decider.window_days and decider.outlook == "may":
        outlook, short, reasons, deadline = _window(decider, facts, today)
    else:
        outlook, short, reasons, deadline = decider.outlook or "unknown", decider.short, [decider.says], None
    ask = decider.ask if decider and decider.ask else rules.how_to_ask
    sources = tuple(dict.fromkeys(rule.cited for rule in applying))
    return RefundNote(outlook, short, (*reasons, *extra), ask, sources, deadline)


def _window(
    rule: RefundRule, facts: RefundFacts, today: date
) -> tuple[Outlook, str, list[str], date | None]:
    """A refund window counted from the last payment: open, closed, or unknown when the date of
    the last payment was not read (then what was read, and the earliest payment it covers)."""
    days = rule.window_days
    if facts.last_payment is not None:
        deadline = facts.last_payment + timedelta(days=days)
        paid = f"Your last payment was on {spoken(facts.last_payment)}"
        if today <= deadline:
            said = f"{paid}: the {days} days run until {spoken(deadline)}."
            return "may", f"may be possible until {deadline.isoformat()}", [rule.says, said], deadline
        said = f"{paid}: the {days} days ended on {spoken(deadline)}."
        return "none", f"the {days}-day window ended on {deadline.isoformat()}", [rule.says, said], deadline
    earliest = today - timedelta(days=days)
    read = f" (it read the next billing date: {spoken(facts.next_billing)})" if facts.next_billing else ""
    said = (
        f"The {days} days are counted from your last payment, whose date the tool did not read{read}. "
        f"If that payment was on {spoken(earliest)} or later, a refund may be possible."
    )
    short = f"may be possible if last paid on or after {earliest.isoformat()}"
    return "may", short, [rule.says, said], None


def spoken(day: date | None) -> str:
    """'December 1, 2026' (English, whatever the machine's locale)."""
    if day is None:
        return "unknown"
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _matches(pattern: str, text: str | None) -> bool:
    return not pattern or (text is not None and re.search(pattern, text, re.IGNORECASE) is not None)


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def refund_window(
    rules: RefundRules | None, iso_date: Callable[[str | None], str | None]
) -> Callable[[Holding, date], str | None]:
    """The refund window of one listed subscription on a day, in a table cell's words (what
    `automator status` shows), by the site's `rules`; None where nothing is known."""

    def window(holding: Holding, today: date) -> str | None:
        charge = iso_date(holding.next_charge)
        facts = RefundFacts(
            plan=holding.plan,
            price=holding.price,
            channel=holding.channel,
            trial=holding.trial,
            next_billing=date.fromisoformat(charge) if charge else None,
        )
        note = refund_note(facts, today, rules)
        return note.short if note else None

    return window
