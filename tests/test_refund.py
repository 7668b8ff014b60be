"""The refund window as a pure function of what the tool read, the day and Coursera's table of rules:
whether a refund *may* be possible and why, never a promise, never a request."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from automator.refund import NOT_REQUESTED, RefundFacts, RefundNote, refund_note
from automator.sites.coursera import COURSERA
from automator.sites.coursera.refunds import REFUND_PAGE, REFUNDS, RULES

TODAY = date(2026, 12, 1)
PLUS: dict[str, Any] = {"plan": "Coursera Plus Monthly", "price": "$59.00 / month"}
PROMISES = re.compile(r"will be refunded|guarantee|entitled to a refund|you will get|refund is due", re.I)


def _note(today: date = TODAY, **facts: Any) -> RefundNote:
    note = refund_note(RefundFacts(**facts), today, REFUNDS)
    assert note is not None
    return note


def _text(note: RefundNote) -> str:
    return "\n".join(note.lines())


def test_coursera_plus_within_14_days_of_the_last_payment_may_be_refunded() -> None:
    note = _note(plan="Coursera Plus Monthly", last_payment=date(2026, 11, 17))  # today is its 14th day
    assert note.outlook == "may" and note.deadline == date(2026, 12, 1)
    assert note.short == "may be possible until 2026-12-01"
    assert "the 14 days run until December 1, 2026" in _text(note)
    assert note.how_to_ask.endswith(REFUND_PAGE) and "Learner Help Center" in note.how_to_ask


def test_coursera_plus_after_14_days_is_past_the_window() -> None:
    note = _note(plan="Coursera Plus Monthly", last_payment=date(2026, 11, 16))
    assert note.outlook == "none" and note.deadline == date(2026, 11, 30)
    assert "ended on November 30, 2026" in _text(note) and "may be possible" not in note.short


def test_an_unknown_last_payment_says_what_is_known_and_where_the_window_counts_from() -> None:
    note = _note(plan="Coursera Plus Monthly", next_billing=date(2026, 12, 14))
    assert note.outlook == "may" and note.deadline is None
    text = _text(note)
    assert "counted from your last payment, whose date the tool did not read" in text
    assert "it read the next billing date: December 14, 2026" in text
    assert "If that payment was on November 17, 2026 or later, a refund may be possible" in text


def test_monthly_specializations_are_not_refundable_in_any_of_the_languages() -> None:
    for plan, price in [
        ("Machine Learning Specialization", "$49.00 / month"),
        ("Especialización en Machine Learning", "49,00 US$/mes"),
        ("Spécialisation Machine Learning", "49,00 $US/mois"),
    ]:
        note = _note(plan=plan, price=price)
        assert note.outlook == "none", plan
        assert "Monthly Specialization subscriptions are not refundable" in _text(note)


def test_annual_renewals_are_not_refundable_from_the_2026_changes_on() -> None:
    annual: dict[str, Any] = {"plan": "Coursera Plus Annual", "price": "$399 a year"}
    annual["last_payment"] = date(2026, 11, 20)
    renewal = "If that payment renewed an annual plan, it is not refundable"
    note = _note(**annual)
    assert renewal in _text(note) and any("2026 changes" in source for source in note.sources)
    assert note.outlook == "may"  # a first annual payment: the 14 days still apply to it
    before = _note(today=date(2026, 6, 29), **{**annual, "last_payment": date(2026, 6, 20)})
    assert renewal not in _text(before)  # the rule holds from its source's date, not before
    assert renewal not in _text(_note(plan="Coursera Plus Monthly"))


def test_a_free_trial_cancelled_in_time_had_no_charge_and_a_late_one_gets_no_refund() -> None:
    trial = _note(plan="Coursera Plus Monthly", trial=True)
    assert trial.outlook == "none" and "no charge" in trial.short
    assert "A trial that is not cancelled in time gets no refund" in _text(trial)
    paid = _note(plan="Coursera Plus Monthly")
    assert "a trial that was not cancelled in time gets no refund" in _text(paid)


@pytest.mark.parametrize(
    ("channel", "who", "ask"),
    [("apple", "Apple", "https://reportaproblem.apple.com"), ("google_play", "Google Play", "Google Play")],
)
def test_a_store_billed_subscription_is_the_stores_to_refund(channel: str, who: str, ask: str) -> None:
    note = _note(plan="Coursera Plus Monthly", channel=channel, last_payment=date(2026, 11, 30))
    assert note.outlook == "elsewhere" and note.short == f"{who}'s to decide"
    assert ask in note.how_to_ask and REFUND_PAGE not in _text(note)
    assert "EU" not in _text(note)  # Coursera's withdrawal form is for what Coursera sold


def test_an_organisations_subscription_has_no_payment_of_yours() -> None:
    note = _note(plan="Coursera Plus", channel="organization")
    assert note.outlook == "elsewhere" and "administrator" in note.how_to_ask


def test_a_plan_no_rule_covers_is_unknown_not_guessed() -> None:
    note = _note(plan="Google Data Analytics Professional Certificate", price="$49.00 / month")
    assert note.outlook == "unknown" and "No refund rule the tool knows covers this plan" in _text(note)


def test_the_eu_right_of_withdrawal_is_a_condition_on_every_note_of_a_coursera_payment() -> None:
    specialization = {"plan": "Machine Learning Specialization", "price": "$49 / month"}
    for facts in [PLUS, specialization]:
        text = _text(_note(**facts))
        assert "If you live in the EU, you may have a 14-day right of withdrawal" in text


def _every_note() -> list[RefundNote]:
    days = [None, date(2026, 11, 30), date(2026, 10, 1)]
    plans = ["Coursera Plus Monthly", "Coursera Plus Annual", "Python for Everybody Specialization", "Lite"]
    return [
        _note(plan=plan, price="$49 / month", channel=channel, trial=trial, last_payment=day)
        for plan in plans
        for channel in ("", "apple", "google_play", "organization")
        for trial in (False, True)
        for day in days
    ]


def test_no_wording_promises_a_refund_and_every_note_says_cancelling_asked_for_none() -> None:
    notes = _every_note()
    assert {note.outlook for note in notes} == {"may", "none", "elsewhere", "unknown"}
    for note in notes:
        text = _text(note)
        assert not PROMISES.search(text), text
        assert f"  {NOT_REQUESTED}" in note.lines()
        assert note.sources and note.how_to_ask
    assert PROMISES.search("Your payment will be refunded.")  # the check can fail


def test_every_rule_has_its_source_and_date_and_the_table_is_coursera_s() -> None:
    assert COURSERA.refund_rules is REFUNDS
    assert len({rule.key for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.source and not PROMISES.search(rule.says), rule.key
    dated = {rule.dated for rule in RULES}
    assert {date(2024, 1, 1), date(2026, 6, 30)} <= dated  # the Terms, and the 2026 changes


def test_run_json_s_subscription_is_read_as_it_is_kept() -> None:
    kept = {
        "plan": "Coursera Plus Monthly",
        "price": "$59.00 / month",
        "next_billing_date": "December 14, 2026",
        "dates": {"next_billing_date": "2026-12-14", "access_until": "2026-12-14"},
        "billing": {"channel": "apple", "provider": None},
        "trial": True,
    }
    facts = RefundFacts.from_subscription(kept)
    assert facts == RefundFacts(
        "Coursera Plus Monthly", "$59.00 / month", "apple", True, date(2026, 12, 14), None
    )
    note = refund_note(kept, TODAY, REFUNDS)
    assert note is not None and note.outlook == "elsewhere"


def test_nothing_to_say_without_rules_or_without_a_subscription() -> None:
    assert refund_note(PLUS, TODAY, None) is None
    assert refund_note({}, TODAY, REFUNDS) is None
