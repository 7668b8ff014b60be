"""`automator remind`: the coming charges as an iCalendar file (RFC 5545), made with `icalendar`.

One all-day event per subscription that will charge unless cancelled (running, or in its free
trial), on the day of the next charge or the trial's end, with an alarm at each lead time. The
event says what will be charged and the exact command that cancels it (or, for one billed
elsewhere, where to cancel it). Its UID is a hash of the site, the address the list was read
from and the plan's name: the same on every run (the date is not in it) and none of them in
clear, so importing a newer file moves and updates the events instead of adding copies.
A pure function: no browser, no clock of its own.
"""

from __future__ import annotations

import hashlib
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from automator.holdings import Standing, amount

PRODID = "-//automator//remind//EN"
DEFAULT_BEFORE = (7, 3, 1)  # days before the charge an alarm goes off


@dataclass(frozen=True)
class Source:
    """Whose subscriptions these are: for the UIDs (hashed), the wording and the cancel command."""

    site: str  # the site's registry name
    title: str  # the site's name as people say it
    address: str  # where the list was read (the base URL): hashed into the UIDs, never written
    command: str = "automator cancel"  # the command that cancels, before --subscription NAME


def uid(source: Source, plan: str) -> str:
    """The same for the same site, address and plan on every run; says nothing of them in clear."""
    digest = hashlib.sha256("\n".join((source.site, source.address, plan)).encode()).hexdigest()
    return f"{digest[:32]}@automator"


def reminders(standings: Sequence[Standing], before: Sequence[int], source: Source, stamp: datetime) -> bytes:
    """The calendar of the coming charges; `stamp` (UTC) is when it was made (DTSTAMP)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{source.title} charges")
    for standing in standings:
        if standing.holding.upcoming and standing.next_charge:
            calendar.add_component(_event(standing, before, source, stamp))
    data: bytes = calendar.to_ical()
    return data


def _event(standing: Standing, before: Sequence[int], source: Source, stamp: datetime) -> Event:
    holding, day = standing.holding, date.fromisoformat(str(standing.next_charge))
    title = summary(standing, source)
    event = Event()
    event.add("uid", uid(source, holding.plan))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time
    event.add("summary", title)
    event.add("description", description(standing, source))
    for days in before:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"In {days} day{'s' if days != 1 else ''}: {title}")
        alarm.add("trigger", timedelta(days=-days))
        event.add_component(alarm)
    return event


def summary(standing: Standing, source: Source) -> str:
    holding = standing.holding
    if holding.trial:
        then = f": then {holding.price}" if holding.price else ""
        return f"{source.title}: the free trial of {holding.plan} ends{then}"
    charged = f" {amount(holding.price)}" if holding.price else ""
    return f"{source.title} charges{charged} for {holding.plan}"


def description(standing: Standing, source: Source) -> str:
    """What will be charged, when, and how to cancel it before then."""
    holding = standing.holding
    price = holding.price or "the subscription's price"
    said = holding.trial_ends if holding.trial and not holding.next_charge else holding.next_charge
    when = f"{standing.next_charge} (the page says {said})" if said else str(standing.next_charge)
    if holding.trial:
        what = f"The free trial of {holding.plan} ends on {when}; then {price} is charged."
    else:
        what = f"On {when} {source.title} charges {price} for {holding.plan}."
    if holding.way_out:
        how = f"It is billed by {holding.billed_by}, so the tool cannot cancel it. {holding.way_out}"
    else:
        how = f"To cancel before then: {source.command} --subscription {shlex.quote(holding.plan)}"
    return f"{what}\n{how}"


def lead_times(text: str) -> tuple[int, ...]:
    """'7,3,1' → (7, 3, 1): whole days (0 is the day itself), largest first, each once;
    ValueError otherwise."""
    parts = [part.strip() for part in text.split(",")]
    if not parts or not all(part.isdigit() for part in parts):
        raise ValueError(f"{text!r} is not a list of whole days such as 7,3,1")
    return tuple(sorted({int(part) for part in parts}, reverse=True))
