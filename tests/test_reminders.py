"""`automator remind`'s calendar, built by a pure function and read back with icalendar: one event
per coming charge, on its day, with an alarm at each lead time, and UIDs that stay the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from automator.holdings import Holding, standings
from automator.reminders import DEFAULT_BEFORE, Source, lead_times, reminders
from automator.sites.coursera import COURSERA

DAY = date(2026, 12, 1)
SOURCE = Source("coursera", "Coursera", "https://www.coursera.org")
HOLDINGS = [
    Holding("Coursera Plus Monthly", "active", price="$59.00 / month", next_charge="December 14, 2026",
            channel="coursera", billed_by="Coursera"),
    Holding("Google Data Analytics Professional Certificate", "active", price="$49.00 / month",
            next_charge="December 3, 2026", channel="coursera", billed_by="Coursera"),
    Holding("Coursera Plus Annual", "active", trial=True, price="$399 a year", trial_ends="December 8, 2026"),
    Holding("Old plan", "cancelled", price="$59.00 / month", access_until="December 14, 2026"),
    Holding("Paused plan", "paused", price="$59.00 / month", access_until="January 14, 2027"),
    Holding("App plan", "active", price="$59.99 / month", next_charge="December 9, 2026", channel="apple",
            billed_by="Apple", way_out="On your iPhone or iPad: Settings > [your name] > Subscriptions."),
]


def _events(holdings: list[Holding], before: tuple[int, ...] = DEFAULT_BEFORE, when: int = 0) -> list[Any]:
    stamp = datetime(2026, 12, 1, 9, tzinfo=UTC) + timedelta(hours=when)
    data = reminders(standings(holdings, COURSERA.iso_date, DAY), before, SOURCE, stamp)
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_one_all_day_event_per_coming_charge_on_its_day_and_none_for_cancelled_or_paused() -> None:
    events = _events(HOLDINGS)
    days = {str(e["summary"]): (e.decoded("dtstart"), e.decoded("dtend")) for e in events}
    assert days == {
        "Coursera charges $59.00 for Coursera Plus Monthly": (date(2026, 12, 14), date(2026, 12, 15)),
        "Coursera charges $49.00 for Google Data Analytics Professional Certificate": (
            date(2026, 12, 3), date(2026, 12, 4)
        ),
        "Coursera: the free trial of Coursera Plus Annual ends: then $399 a year": (
            date(2026, 12, 8), date(2026, 12, 9)
        ),
        "Coursera charges $59.99 for App plan": (date(2026, 12, 9), date(2026, 12, 10)),
    }


def test_each_event_has_an_alarm_at_each_lead_time() -> None:
    for event in _events(HOLDINGS):
        triggers = [alarm["trigger"].to_ical() for alarm in event.walk("VALARM")]
        assert triggers == [b"-P7D", b"-P3D", b"-P1D"]
        assert {str(alarm["action"]) for alarm in event.walk("VALARM")} == {"DISPLAY"}
    (event,) = _events(HOLDINGS[:1], before=(14, 2))
    assert [a.decoded("trigger") for a in event.walk("VALARM")] == [timedelta(days=-14), timedelta(days=-2)]


def test_the_event_says_what_is_charged_and_the_exact_command_that_cancels_it() -> None:
    plus, _, trial, app = _events(HOLDINGS)
    text = str(plus["description"])
    assert "On 2026-12-14 (the page says December 14, 2026) Coursera charges $59.00 / month" in text
    assert text.endswith("To cancel before then: automator cancel --subscription 'Coursera Plus Monthly'")
    assert "ends on 2026-12-08 (the page says December 8, 2026); then $399 a year is charged" in str(
        trial["description"]
    )
    app_text = str(app["description"])  # the tool cannot cancel it: where to, instead
    assert "billed by Apple" in app_text and "iPhone" in app_text and "automator cancel" not in app_text


def test_uids_are_stable_across_runs_distinct_per_plan_and_hold_nothing_in_clear() -> None:
    first = [str(e["uid"]) for e in _events(HOLDINGS)]
    moved = [replace_date(h) for h in HOLDINGS]  # next month: the same subscriptions, later dates
    later = [str(e["uid"]) for e in _events(moved, when=24 * 30)]
    assert first == later and len(set(first)) == len(first)
    for uid in first:
        assert "coursera" not in uid.lower() and "plus" not in uid.lower()
    other = Source("coursera", "Coursera", "http://127.0.0.1:8123")  # another address: other events
    found = standings(HOLDINGS[:1], COURSERA.iso_date, DAY)
    data = reminders(found, DEFAULT_BEFORE, other, datetime.now(UTC))
    assert str(Calendar.from_ical(data).walk("VEVENT")[0]["uid"]) != first[0]


def replace_date(holding: Holding) -> Holding:
    shift = {"December 14, 2026": "January 14, 2027", "December 3, 2026": "January 3, 2027"}
    return replace(holding, next_charge=shift.get(holding.next_charge or "", holding.next_charge))


def test_nothing_to_remind_is_a_valid_empty_calendar() -> None:
    assert _events(HOLDINGS[3:5]) == []


@pytest.mark.parametrize(
    ("text", "days"), [("7,3,1", (7, 3, 1)), ("1, 7 ,3,7", (7, 3, 1)), ("0", (0,)), ("14", (14,))]
)
def test_lead_times(text: str, days: tuple[int, ...]) -> None:
    assert lead_times(text) == days


@pytest.mark.parametrize("text", ["", "7,,1", "-1", "a week", "7;3", "1.5"])
def test_lead_times_refuse_anything_but_whole_days(text: str) -> None:
    with pytest.raises(ValueError, match="whole days"):
        lead_times(text)
