"""`automator status` and `automator remind` end to end against the replay variants, in the test
process: what the list shows, and from the replay server's log that the walk only read it (no
request but the sign-in's writes anything, and nothing of a cancellation is ever asked for)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.support.cli import CliRun, InProcessCli
from tests.support.env import cli_env
from tests.support.replay import Replay, Replays

pytestmark = pytest.mark.e2e

DAY = date(2026, 12, 1)  # the day the runs count the days left from


def _status(cli: InProcessCli, server: Replay, *args: str, signed_in: bool = True) -> CliRun:
    """A run from a saved session (the sign-in is not the subject), unless `signed_in` is False;
    a table is printed 120 columns wide (pytest-xdist's workers say COLUMNS=80)."""
    if signed_in:
        server.save_signed_in_session(cli.data_dir)
    cli.today = lambda: DAY
    env = cli_env(COLUMNS="120")
    return cli(*args, "--headless", "--base-url", server.url, "--timeout", "10", env=env)


def _writes(server: Replay) -> list[tuple[str, str]]:
    return [(e["method"], e["path"]) for e in server.log_lines() if e["method"] not in ("GET", "HEAD")]


def _read_only(server: Replay) -> bool:
    """Nothing of a cancellation was asked for: no survey, offer or final dialog, no change."""
    log = server.log_lines()
    return not [e for e in log if "/cancel" in e["path"] or e["destructive"] or e.get("changes_account")]


def _subscriptions(run: CliRun) -> list[dict[str, Any]]:
    assert run.returncode == 0, run.stderr
    found: list[dict[str, Any]] = json.loads(run.stdout)["subscriptions"]
    return found


def test_several_subscriptions_signing_in_only_the_sign_in_writes(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/two-subscriptions")
    run = _status(run_cli_in_process, server, "status", "--json", signed_in=False)
    plus, gda = _subscriptions(run)
    assert (plus["plan"], plus["state"], plus["price"]) == (
        "Coursera Plus Monthly", "active", "$59.00 / month"
    )
    assert (plus["next_charge_date"], plus["days_left"], plus["warning"]) == ("2026-12-14", 13, None)
    assert (gda["plan"], gda["next_charge_date"], gda["days_left"]) == (
        "Google Data Analytics Professional Certificate", "2026-12-03", 2
    )
    said = "your next charge of $49.00 is in 2 days (2026-12-03)."
    assert gda["warning"] == f"Google Data Analytics Professional Certificate: {said}"
    assert f"Google Data Analytics Professional Certificate: {said}" in " ".join(run.stderr.split())
    # The refund window, from the site's rules table: counted from a last payment it cannot read.
    assert plus["refund_window"] == "may be possible if last paid on or after 2026-11-17"
    assert gda["refund_window"] == "not known for this plan"  # the rules name no such plan: no guess
    assert _writes(server) == [("POST", "/api/login/v3")]
    assert _read_only(server)


def test_a_free_trial_in_the_table(replay: Replays, run_cli_in_process: InProcessCli) -> None:
    server = replay("variants/trial")
    run = _status(run_cli_in_process, server, "status")
    assert run.returncode == 0, run.stderr
    rows = [line.split() for line in run.stdout.splitlines() if line.strip().startswith("Coursera Plus")]
    assert len(rows) == 1, run.stdout
    (row,) = rows  # the plan's name and the refund window may wrap onto the next lines
    assert row[:2] == ["Coursera", "Plus"] and "Monthly" in " ".join(run.stdout.split()), run.stdout
    cells = " ".join(row[2:])
    assert cells.startswith("free trial Coursera $59.00 / month 2026-12-08 7 — none needed"), run.stdout
    assert "Refund window" in run.stdout  # from the site's rules: the trial had no charge
    assert _writes(server) == [] and _read_only(server)


def test_a_cancelled_subscription_has_no_next_charge_only_its_access(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/already-cancelled")
    (plan,) = _subscriptions(_status(run_cli_in_process, server, "status", "--json"))
    assert (plan["state"], plan["access_until"]) == ("cancelled", "2026-12-14")
    assert (plan["next_charge_date"], plan["days_left"], plan["warning"]) == (None, None, None)
    assert _writes(server) == [] and _read_only(server)


def test_billed_by_apple_says_so_and_where_to_cancel_it(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/billed-apple")
    run = _status(run_cli_in_process, server, "status", "--json")
    (plan,) = _subscriptions(run)
    assert (plan["channel"], plan["billed_by"], plan["next_charge_date"]) == ("apple", "Apple", "2026-12-09")
    assert "Settings > [your name] > Subscriptions" in plan["way_out"] and "iPhone" in run.stderr
    assert plan["refund_window"] == "Apple's to decide"
    assert _writes(server) == [] and _read_only(server)


def test_remind_writes_the_coming_charges_to_a_calendar(
    replay: Replays, run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    server = replay("variants/two-subscriptions")
    ics = tmp_path / "charges.ics"
    run = _status(run_cli_in_process, server, "remind", "--out", str(ics), "--before", "3,1")
    assert run.returncode == 0, run.stderr
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert sorted(e.decoded("dtstart") for e in events) == [date(2026, 12, 3), date(2026, 12, 14)]
    for event in events:
        assert [a["trigger"].to_ical() for a in event.walk("VALARM")] == [b"-P3D", b"-P1D"]
    command = f"automator cancel --base-url {server.url} --subscription 'Coursera Plus Monthly'"
    assert any(str(e["description"]).endswith(command) for e in events)
    assert f"Wrote 2 reminders to {ics}" in run.stderr
    assert _writes(server) == [] and _read_only(server)
