"""What `automator status` makes of the subscriptions read: states, dates, days left, the warning
of a charge close at hand, the table, and the exit code when the list was not read. No browser."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from automator.cli import app
from automator.cli.status import table
from automator.holdings import Holding, Standing, charge_soon, facts_warning, standings
from automator.report import RunResult
from automator.settings import RunSettings
from automator.sites.coursera import COURSERA, in_language
from automator.sites.coursera.subscriptions import holding, parse_row
from automator.status import Status

DAY = date(2026, 12, 1)
PLUS = Holding("Coursera Plus Monthly", "active", price="$59.00 / month", next_charge="December 14, 2026")


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "Your next charge of $59.00 is today (2026-12-01)."),
        (1, "Your next charge of $59.00 is tomorrow (2026-12-02)."),
        (2, "Your next charge of $59.00 is in 2 days (2026-12-03)."),
        (3, "Your next charge of $59.00 is in 3 days (2026-12-04)."),
        (4, None),  # further away: no warning
        (-1, None),  # already past: the page is out of date, nothing to warn about
    ],
)
def test_a_charge_three_days_away_or_less_is_said_in_words(days: int, words: str | None) -> None:
    on = date.fromordinal(DAY.toordinal() + days).isoformat()
    assert charge_soon("$59.00 / month", on, DAY) == words


def test_a_trial_warning_says_the_trial_ends_and_names_the_plan() -> None:
    said = charge_soon("$59.00 / month", "2026-12-03", DAY, trial=True, plan="Coursera Plus Monthly")
    assert said == (
        "Coursera Plus Monthly: your free trial ends in 2 days (2026-12-03): then the first charge "
        "of $59.00 is made."
    )


def test_cancel_warns_from_the_run_records_subscription() -> None:
    facts = {"price": "$59.99 / month", "dates": {"next_billing_date": "2026-12-03"}}
    assert facts_warning(facts, DAY) == "Your next charge of $59.99 is in 2 days (2026-12-03)."
    assert facts_warning({"dates": {"access_until": "2026-12-02"}}, DAY) is None  # cancelled: no charge


def test_standings_read_each_state_and_count_the_days_from_today() -> None:
    rows = [
        PLUS,
        Holding("Plus", "active", trial=True, price="$59.00 / month", trial_ends="December 8, 2026"),
        Holding("Old", "cancelled", price="$59.00 / month", access_until="December 14, 2026"),
        Holding("Paused", "paused", next_charge="January 14, 2027"),
    ]
    found = standings(rows, COURSERA.iso_date, DAY)
    assert [(s.state, s.next_charge, s.days_left, s.access_until) for s in found] == [
        ("active", "2026-12-14", 13, None),
        ("free trial", "2026-12-08", 7, None),  # the card is charged when the trial ends
        ("cancelled", None, None, "2026-12-14"),
        ("paused", None, None, None),  # no charge while paused: none is stated
    ]
    assert [s.refund_window for s in found] == [None] * 4  # no rules given: never stated


def test_dates_are_read_in_the_language_of_the_page() -> None:
    spanish = Holding("Plus Mensual", "active", next_charge="3 de diciembre de 2026", price="59,00 US$/mes")
    (found,) = standings([spanish], in_language("es").iso_date, DAY)
    assert (found.next_charge, found.days_left) == ("2026-12-03", 2)
    assert found.warning == "Plus Mensual: your next charge of 59,00 US$ is in 2 days (2026-12-03)."


def test_a_row_billed_elsewhere_keeps_its_way_out() -> None:
    text = "Active $59.99 / month Next billing date December 9, 2026 Billed by Apple (App Store)"
    row = parse_row("Coursera Plus Monthly", text, False, {"Billed by": "Apple (App Store)"})
    read = holding(row)
    assert (read.channel, read.billed_by, read.next_charge) == ("apple", "Apple", "December 9, 2026")
    assert read.way_out is not None and "iPhone" in read.way_out
    assert holding(parse_row("Plus", "Active $59.00 Cancel", True)).way_out is None


def _rendered(found: list[Standing]) -> str:
    buffer = io.StringIO()
    Console(width=120, file=buffer).print(table(found))
    return buffer.getvalue()


def test_the_table_shows_every_column_and_a_refund_column_only_where_one_applies() -> None:
    found = standings([PLUS], COURSERA.iso_date, DAY)
    text = _rendered(found)
    for cell in ("Coursera Plus Monthly", "active", "Coursera", "$59.00 / month", "2026-12-14", "13"):
        assert cell in text
    assert "Refund window" not in text
    with_window = standings([PLUS], COURSERA.iso_date, DAY, refund=lambda _h, _d: "until 2026-12-15")
    text = _rendered(with_window)
    assert "Refund window" in text and "until 2026-12-15" in text


@pytest.mark.parametrize(
    ("status", "code"),
    [(Status.SIGN_IN_FAILED, 5), (Status.NEEDS_HUMAN, 7), (Status.UNRECOGNIZED_SCREEN, 6), (Status.ERROR, 1)],
)
def test_a_list_not_read_ends_with_the_runs_status_and_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: Status, code: int
) -> None:
    """Sign-in trouble and a changed site keep the status table's codes; nothing is printed as data."""
    import automator.status_walk
    from automator.status_walk import Listing

    def not_read(settings: RunSettings, *args: object, **kwargs: object) -> Listing:
        assert settings.dry_run and not settings.every_screenshot
        result = RunResult(status, "Coursera refused the password.", settings.base_url, True, "now", tmp_path)
        return Listing(result, None, COURSERA)

    monkeypatch.setattr(automator.status_walk, "run_status", not_read)
    env = {"COURSERA_EMAIL": "a@example.com", "COURSERA_PASSWORD": "p", "AUTOMATOR_DATA_DIR": str(tmp_path)}
    for command in (["status", "--json"], ["remind", "--out", str(tmp_path / "r.ics")]):
        result = CliRunner().invoke(app, [*command, "--base-url", "http://127.0.0.1:9"], env=env)
        assert result.exit_code == code, result.output
        assert f"{status.value}: Coursera refused the password." in result.stderr and result.stdout == ""
    assert not (tmp_path / "r.ics").exists()
