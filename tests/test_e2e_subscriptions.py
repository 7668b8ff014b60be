"""Every way a Coursera subscription is billed or ends, through the real CLI against a variant.

Each case asserts its status and exit code, and from the replay server's log that nothing
that changes the account was sent where nothing should be. Cancelling the chosen one of two
subscriptions, and the My Purchases route, are walked in tests/test_renderings.py on both
renderings, scrambled.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.support import BASE
from tests.support.cli import Cli, CliRun, InProcessCli
from tests.support.replay import Replay, Replays

pytestmark = pytest.mark.e2e
BUNDLED = {"receipt.json", "cancelled.png", "cancelled.pdf", "run.json", "report.html"}


def _cancel(cli: Cli, server: Replay, *args: str, answer: str | None = None) -> CliRun:
    """A repeat run: signed in from a saved session (the sign-in is tested on its own)."""
    server.save_signed_in_session(cli.data_dir)
    return cli("cancel", "--headless", "--base-url", server.url, "--timeout", "10", *args, answer=answer)


def _changes(server: Replay) -> list[dict[str, Any]]:
    return [e for e in server.log_lines() if e["destructive"] or e.get("changes_account")]


SOON = "Your next charge of $59.99 is in 2 days (2026-12-09)."  # on December 7, 2026


@pytest.mark.parametrize(
    ("variant", "channel", "words", "warning"),
    [
        ("variants/billed-apple", "apple", "Settings > [your name] > Subscriptions", SOON),
        (
            "variants/billed-google-play",
            "google_play",
            "https://play.google.com/store/account/subscriptions",
            SOON,
        ),
        ("variants/employer", "organization", "Acme Corporation", None),  # no date: no charge to tell
    ],
)
def test_billed_elsewhere_is_never_touched_and_the_way_out_is_given(
    replay: Replays,
    run_cli_in_process: InProcessCli,
    variant: str,
    channel: str,
    words: str,
    warning: str | None,
) -> None:
    server = replay(variant)
    run_cli_in_process.today = lambda: date(2026, 12, 7)  # the next charge is in two days
    run = _cancel(run_cli_in_process, server, answer="yes\n")
    assert run.returncode == 8, run.stderr
    data = run.run_json
    assert data["status"] == "billed_elsewhere"
    assert data["subscription"]["billing"]["channel"] == channel
    assert words in data["message"] and words in run.stderr
    assert (warning in run.stderr) if warning else ("Your next charge" not in run.stderr)
    assert _changes(server) == []
    assert not [e for e in server.log_lines() if "/cancel/" in e["path"]]  # not even the survey
    assert "Ready to cancel" not in run.stderr


def test_no_subscription(replay: Replays, run_cli_in_process: InProcessCli) -> None:
    server = replay("variants/no-subscription")
    run = _cancel(run_cli_in_process, server, "--dry-run")
    assert run.returncode == 9, run.stderr
    assert run.run_json["status"] == "no_subscription"
    assert _changes(server) == []


def test_already_cancelled_says_until_when_and_clicks_nothing(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/already-cancelled")
    run = _cancel(run_cli_in_process, server, answer="yes\n")
    assert run.returncode == 4, run.stderr
    assert run.run_json["subscription"]["access_until"] == "December 14, 2026"
    assert "December 14, 2026" in run.stderr
    assert _changes(server) == []
    assert not [e for e in server.log_lines() if "/cancel/" in e["path"]]


def test_several_subscriptions_without_a_choice_stop_with_the_list(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/two-subscriptions")
    run = _cancel(run_cli_in_process, server, "--dry-run")
    assert run.returncode == 11, run.stderr
    assert run.run_json["status"] == "subscription_not_chosen"
    for text in (
        "Coursera Plus Monthly, $59.00 / month",
        "Google Data Analytics Professional Certificate, $49.00",
    ):
        assert text in run.run_json["message"]
    assert len(run.run_json["subscription"]["all_subscriptions"]) == 2
    assert not [e for e in server.log_lines() if "/cancel/" in e["path"]]


@pytest.mark.parametrize("name", ["a", "zzz"])
def test_an_ambiguous_or_unknown_subscription_name_lists_the_choices(
    replay: Replays, run_cli_in_process: InProcessCli, name: str
) -> None:
    server = replay("variants/two-subscriptions")
    run = _cancel(run_cli_in_process, server, "--dry-run", "--subscription", name)
    assert run.returncode == 11, run.stderr
    assert "Coursera Plus Monthly" in run.stderr and "Google Data Analytics" in run.stderr
    assert _changes(server) == []


@pytest.mark.parametrize(
    ("variant", "kinds"),
    [
        ("variants/offer-discount", ["discount"]),
        ("variants/offer-annual", ["switch_annual"]),
        ("variants/several-offers", ["pause", "discount"]),
    ],
)
def test_dry_run_records_every_offer_met_and_takes_none(
    replay: Replays, run_cli_in_process: InProcessCli, variant: str, kinds: list[str]
) -> None:
    server = replay(variant)
    run = _cancel(run_cli_in_process, server, "--dry-run")
    assert run.returncode == 0, run.stderr
    offers = run.run_json["subscription"]["offers"]
    assert [o["kind"] for o in offers] == kinds
    assert {o["decision"] for o in offers} == {"declined"}
    report = (run.out_dir / "report.html").read_text()
    assert all(o["title"] in report for o in offers)
    assert _changes(server) == []


def test_offers_are_declined_without_a_terminal_and_the_cancel_goes_on(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/several-offers")
    run = _cancel(run_cli_in_process, server, answer="yes\n")
    assert run.returncode == 0, run.stderr
    assert [e["path"] for e in _changes(server)] == ["/api/subscriptions/v1/cancel"]


def test_end_date_choice_keeps_access_to_the_end_of_the_paid_period(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/end-date-choice")
    run = _cancel(run_cli_in_process, server, "--dry-run")
    assert run.returncode == 0, run.stderr
    assert run.run_json["subscription"]["end_date_choice"].startswith("Keep access until December 14, 2026")
    assert "end_date_choice" in [s["name"] for s in run.run_json["steps"]]
    assert _changes(server) == []


def test_an_unknown_offer_is_never_taken_or_declined(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/unknown-offer")
    run = _cancel(run_cli_in_process, server, answer="yes\n")
    assert run.returncode == 6, run.stderr
    assert run.run_json["status"] == "unrecognized_screen"
    assert _changes(server) == []
    assert "Ready to cancel" not in run.stderr


def test_a_verified_cancellation_keeps_a_receipt_history_lists_it_and_exports_its_proof(
    replay: Replays, run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    server = replay()
    run = _cancel(run_cli_in_process, server, answer="yes\n")
    assert run.returncode == 0, run.stderr
    folders = list((tmp_path / "data" / "history").iterdir())
    assert len(folders) == 1
    receipt = json.loads((folders[0] / "receipt.json").read_text())
    assert receipt["plan"] == "Coursera Plus Monthly" and receipt["price"] == "$59.00 / month"
    assert receipt["access_until"] == "December 14, 2026"
    assert "has been cancelled" in receipt["confirmation"]
    assert receipt["url"].endswith("/account-settings/subscriptions")
    # The PDF is the page's text as Chromium printed it, from a scrubbed copy: what the page
    # says, selectable, and nothing the screenshot masks (the card's digits are on the page).
    text = " ".join(PdfReader(folders[0] / "cancelled.pdf").pages[0].extract_text().split())
    assert "has been cancelled" in text and "Coursera Plus Monthly" in text, text
    assert "Visa ending in" in text and "4242" not in text, text
    assert not re.search(r"Dana|Demo|\bDD\b|@", text), text  # name, initials (the avatar), email
    assert (folders[0] / "cancelled.png").read_bytes() == (
        run.out_dir / run.run_json["steps"][-1]["screenshot"]
    ).read_bytes()

    listed = run_cli_in_process("history", "--json")
    assert listed.returncode == 0
    assert [(r["plan"], r["id"]) for r in json.loads(listed.stdout)] == [
        ("Coursera Plus Monthly", folders[0].name)
    ]
    assert "Coursera Plus Monthly" in run_cli_in_process("history").stdout

    # The proof bundle of that cancellation: every file, a timeline, a manifest that verifies.
    bundle = tmp_path / "proof.zip"
    exported = run_cli_in_process("history", "--export", folders[0].name[:8], "--out", str(bundle))
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(bundle) as packed:
        files = {name: packed.read(name) for name in packed.namelist()}
    shots = {name for name in files if re.fullmatch(r"\d\d-[\w-]+\.png", name)}
    assert set(files) - shots == {*BUNDLED, "timeline.json", "MANIFEST.sha256"}
    # The bundled report shows every step's screenshot from inside the bundle.
    shown = set(re.findall(r'<img src="([^"]+)"', files["report.html"].decode()))
    assert shown and shown == shots, (shown, shots)
    assert all(files[name] == (run.out_dir / name).read_bytes() for name in shots)
    assert files["run.json"] == (run.out_dir / "run.json").read_bytes()
    assert files["cancelled.png"] == (folders[0] / "cancelled.png").read_bytes()
    timeline = json.loads(files["timeline.json"])
    assert timeline["pressed"] == "Yes, Cancel" and "has been cancelled" in timeline["confirmation"]
    assert timeline["run_started_at"] == run.run_json["started_at"]
    assert timeline["final_url"] == server.url + "/account-settings/subscriptions"
    assert (timeline["access_until"], timeline["access_until_date"]) == ("December 14, 2026", "2026-12-14")
    moments = [timeline[f"{moment}_at"] for moment in ("run_started", "approved", "pressed", "confirmed")]
    assert sorted(moments, key=datetime.fromisoformat) == moments
    verified = run_cli_in_process("history", "--verify", str(bundle))
    assert verified.returncode == 0, verified.stderr
    assert f"all {len(files) - 1} files match" in verified.stdout  # all but the manifest itself

    files["cancelled.png"] += b"\0"  # one byte more: `--verify` names the file that differs
    with zipfile.ZipFile(bundle, "w") as packed:
        for name, data in files.items():
            packed.writestr(name, data)
    tampered = run_cli_in_process("history", "--verify", str(bundle))
    assert tampered.returncode == 1
    assert "cancelled.png: differs" in tampered.stderr and "report.html" not in tampered.stderr


def test_no_receipt_when_the_cancellation_is_not_confirmed_on_the_page(
    replay: Replays, run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    variant = tmp_path / "failing-cancel"
    variant.mkdir()
    (variant / "recording.json").write_text(
        json.dumps(
            {
                "name": "failing-cancel",
                "extends": str(BASE),
                "routes": {
                    "POST /api/subscriptions/v1/cancel": {"auth": True, "status": 500, "json": {"ok": False}}
                },
            }
        )
    )
    server = replay(variant)
    run = _cancel(run_cli_in_process, server, answer="yes\n")
    assert run.returncode == 1, run.stderr
    # The tool read the Subscriptions page again: Coursera's own answer, not a maybe.
    assert "page still shows Coursera Plus Monthly as active" in run.run_json["message"]
    assert "does not press Yes, Cancel again" in run.run_json["message"]
    assert [e["status"] for e in server.requests_to("POST", "/api/subscriptions/v1/cancel")] == [500]
    assert not (tmp_path / "data" / "history").exists()
