"""`automator cancel` through its command line, end to end against the replay server.

The runs go through the CLI's own entry point in the test process, in a fresh context of the
worker's one browser (`run_cli_in_process` in tests/conftest.py: the same options, output and
exit code); tests/test_terminal.py runs the tool as a real subprocess at a terminal.

Every claim about what was (not) cancelled is checked in the replay server's own request
log, never in the tool's report.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.support import DEMO_PASSWORD, cli_env
from tests.support.cli import Cli, CliRun, InProcessCli
from tests.support.pixels import MASK, dialog_box, masked_pixels
from tests.support.replay import Replay, Replays

pytestmark = pytest.mark.e2e

CANCEL = ("POST", "/api/subscriptions/v1/cancel")
EVERY_SCREEN = [
    "signed_out_home",
    "sign_in",
    "signed_in",
    "account_settings",
    "subscriptions",
    "cancel_survey",
    "retention_offer",
    "confirm_cancel",
]


def _cancel(
    cli: Cli,
    server: Replay,
    *args: str,
    answer: str | None = None,
    env: dict[str, str] | None = None,
    signed_in: bool = False,
) -> CliRun:
    """`signed_in`: a repeat run, from a saved session, where the sign-in is not the subject."""
    if signed_in:
        server.save_signed_in_session(cli.data_dir)
    return cli("cancel", "--base-url", server.url, "--timeout", "10", *args, answer=answer, env=env)


def _assert_no_secret(run: CliRun, *extra: str) -> None:
    texts = [run.stdout, run.stderr, *extra]
    texts += [
        p.read_text(errors="replace")
        for p in run.out_dir.iterdir()
        if p.suffix in {".json", ".html", ".jsonl"}
    ]
    for text in texts:
        assert DEMO_PASSWORD not in text


def test_dry_run_walks_every_screen_masks_the_fields_and_sends_nothing(
    replay: Replays, run_cli_in_process: InProcessCli, page: Page
) -> None:
    server = replay()
    run = _cancel(run_cli_in_process, server, "--dry-run", "--json")
    assert run.returncode == 0, run.stderr
    assert server.destructive() == []
    assert server.requests_to(*CANCEL) == []
    data = run.run_json
    assert json.loads(run.stdout) == data  # --json prints run.json, and nothing else, on stdout
    assert not (run.out_dir.parent / "data" / "history").exists()  # no receipt for a dry run
    assert data["status"] == "dry_run_complete"
    names = [step["name"] for step in data["steps"]]
    assert names == [*EVERY_SCREEN, "subscriptions"]
    for step in data["steps"]:
        assert (run.out_dir / step["screenshot"]).is_file()
        assert step["seconds"] >= 0
    assert data["subscription"]["plan"] == "Coursera Plus Monthly"
    assert data["subscription"]["price"] == "$59.00 / month"
    assert data["subscription"]["next_billing_date"] == "December 14, 2026"
    assert data["subscription"]["access_until"] == "December 14, 2026"
    # The site's words, and the same dates as YYYY-MM-DD.
    assert data["subscription"]["dates"] == {"next_billing_date": "2026-12-14", "access_until": "2026-12-14"}
    assert [(o["kind"], o["decision"]) for o in data["subscription"]["offers"]] == [("pause", "declined")]
    report = (run.out_dir / "report.html").read_text()
    assert all(step["screenshot"] in report for step in data["steps"])
    # Progress is printed as it happens, one line per step.
    assert run.stderr.count("✓") == len(names)
    _assert_no_secret(run, (server.state.log_path or Path()).read_text())
    # The subscription is still active afterwards, by the server's state.
    assert server.state.values["subscription"] == "active"
    _assert_fields_masked(run, server, page)
    _assert_dialogs_unmasked(run)


def _assert_dialogs_unmasked(run: CliRun) -> None:
    """The survey, the offer and the final dialog hold no mask: none of them shows anything
    personal, and the masked card digits of the page behind lie under them (issue 14)."""
    for step in run.run_json["steps"]:
        if step["name"] in {"cancel_survey", "retention_offer", "confirm_cancel"}:
            shot = Image.open(run.out_dir / step["screenshot"]).convert("RGB")
            assert masked_pixels(shot, dialog_box(shot)) == 0, f"a mask lies on {step['screenshot']}"


def _assert_fields_masked(run: CliRun, server: Replay, page: Page) -> None:
    """The sign-in screenshot has the mask colour where the email and password fields are."""
    shot = next(s for s in run.run_json["steps"] if s["name"] == "sign_in")["screenshot"]
    page.goto(server.url + "/login")
    masked = Image.open(run.out_dir / shot).convert("RGB")
    for selector in ('input[name="password"]', 'input[name="email"]'):
        box = page.locator(selector).bounding_box()
        assert box is not None
        centre = (int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2))
        assert masked.getpixel(centre) == MASK, selector
    # And the same spot in an unmasked screenshot is not the mask colour (the check can fail).
    page.screenshot(path=run.out_dir / "unmasked.png")
    plain = Image.open(run.out_dir / "unmasked.png").convert("RGB")
    assert plain.getpixel(centre) != MASK


# Every other answer goes through the same code; tests/test_approval.py tables them.
@pytest.mark.parametrize("answer", ["no\n", "yes please\n", ""], ids=["no", "yes-please", "end-of-input"])
def test_anything_but_yes_declines_and_sends_nothing(
    replay: Replays, run_cli_in_process: InProcessCli, answer: str
) -> None:
    server = replay()
    run = _cancel(run_cli_in_process, server, "--headless", answer=answer, signed_in=True)
    assert run.returncode == 3, run.stderr
    assert run.run_json["status"] == "declined"
    assert server.destructive() == []
    assert server.requests_to(*CANCEL) == []
    assert server.state.values["subscription"] == "active"
    assert run.run_json["steps"][-1]["note"].startswith("backed out")
    assert not (run.out_dir.parent / "data" / "history").exists()  # no receipt for a decline


def test_typed_yes_cancels_once_then_a_second_run_finds_it_cancelled(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay()
    run = _cancel(run_cli_in_process, server, "--headless", answer="yes\n")
    assert run.returncode == 0, run.stderr
    assert run.run_json["status"] == "cancelled"
    assert len(server.destructive()) == 1
    assert [e["status"] for e in server.requests_to(*CANCEL)] == [200]
    assert run.run_json["steps"][-1]["name"] == "cancelled"
    receipt = Path(run.run_json["receipt"])  # run.json and report.html say where the receipt is
    kept = json.loads(receipt.read_text())
    assert kept["plan"] == "Coursera Plus Monthly"
    # The moments a dispute needs, each taken as it happened (UTC), in their order.
    moments = [kept[name] for name in ("started_at", "approved_at", "pressed_at", "confirmed_at")]
    assert [datetime.fromisoformat(m) for m in moments] == sorted(datetime.fromisoformat(m) for m in moments)
    assert all(datetime.fromisoformat(m).utcoffset() == timedelta(0) for m in moments)
    assert kept["pressed"] == "Yes, Cancel" and kept["access_until_date"] == "2026-12-14"
    # After the cancel: whether a refund may be possible, and that cancelling asked for none.
    assert kept["refund"]["outlook"] == "may" and "Refund: may be possible" in run.stderr
    assert "Cancelling does not request a refund" in run.stderr
    assert "learner.coursera.help" in run.stderr and "EU" in run.stderr
    assert f'href="{receipt.absolute().as_uri()}"' in (run.out_dir / "report.html").read_text()
    assert "December 14, 2026" in run.stderr
    assert "Ready to cancel" in run.stderr and "Coursera Plus Monthly" in run.stderr
    _assert_no_secret(run)

    again = _cancel(run_cli_in_process, server, "--headless", answer="yes\n")
    assert again.returncode == 4, again.stderr
    assert again.run_json["status"] == "already_cancelled"
    assert again.run_json["subscription"]["access_until"] == "December 14, 2026"
    assert len(server.requests_to(*CANCEL)) == 1  # nothing more was sent
    assert "Ready to cancel" not in again.stderr


def test_wrong_password_is_one_attempt_with_the_sites_message(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay()
    run = _cancel(run_cli_in_process, server, "--dry-run", env=cli_env(COURSERA_PASSWORD="not-the-password"))
    assert run.returncode == 5, run.stderr
    assert run.run_json["status"] == "sign_in_failed"
    assert "Incorrect email or password" in run.stderr
    assert len(server.requests_to("POST", "/api/login/v3")) == 1
    assert "Traceback" not in run.stderr
    assert "not-the-password" not in run.stderr + (run.out_dir / "run.json").read_text()


@pytest.mark.parametrize(
    ("variant", "step", "reason"),
    [
        ("variants/renamed-cancel-button", "subscriptions", "has no cancel button"),
        ("variants/unknown-dialog", "cancel_survey", "unknown dialog"),
    ],
)
def test_drift_stops_saves_the_page_and_names_the_step(
    replay: Replays, run_cli_in_process: InProcessCli, variant: str, step: str, reason: str
) -> None:
    server = replay(variant)
    run = _cancel(run_cli_in_process, server, "--headless", answer="yes\n", signed_in=True)
    assert run.returncode == 6, run.stderr
    data = run.run_json
    assert data["status"] == "unrecognized_screen"
    assert reason in data["message"] and f"step: {step}" in data["message"]
    assert data["steps"][-1]["name"] == "stopped"
    assert (run.out_dir / data["steps"][-1]["screenshot"]).is_file()
    saved = (run.out_dir / data["page_html"]).read_text()
    assert "<html" in saved and "demo.learner@example.com" not in saved
    assert server.destructive() == []
    assert "Ready to cancel" not in run.stderr
    assert "Traceback" not in run.stderr


def test_a_cancel_request_sent_before_approval_is_blocked_in_the_browser(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/cancel-on-decline")
    run = _cancel(run_cli_in_process, server, "--headless", answer="yes\n", signed_in=True)
    assert server.requests_to(*CANCEL) == []  # it never left the browser
    assert server.state.values["subscription"] == "active"
    assert run.returncode == 6, run.stderr
    assert "blocked" in run.run_json["message"]
    assert "Ready to cancel" not in run.stderr


def test_missing_credentials_is_a_clear_usage_error(run_cli_in_process: InProcessCli, tmp_path: Path) -> None:
    env = cli_env()
    del env["COURSERA_EMAIL"], env["COURSERA_PASSWORD"]
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    run = run_cli_in_process("cancel", "--dry-run", "--base-url", "http://127.0.0.1:9", env=env)
    assert run.returncode == 2
    assert "COURSERA_EMAIL" in run.stderr and "keyring" in run.stderr
    assert "Traceback" not in run.stderr


def test_reason_is_picked_and_an_unknown_reason_stops_before_anything(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay()
    run = _cancel(run_cli_in_process, server, "--dry-run", "--reason", "expensive", signed_in=True)
    assert run.returncode == 0, run.stderr
    assert run.run_json["subscription"]["survey_reason"] == "It's too expensive"
    answered = server.requests_to("POST", "/api/cancellation-survey")
    bad = _cancel(run_cli_in_process, server, "--dry-run", "--reason", "boredom")
    assert bad.returncode == 1
    said = " ".join(bad.stderr.split())  # the choices as the page listed them, for the next try
    assert "--reason 'boredom' matches none of the survey's choices: I finished what I wanted" in said
    assert "Prefer not to say" in said and "Nothing was chosen in the survey" in said
    assert server.requests_to("POST", "/api/cancellation-survey") == answered  # no answer sent
    assert server.destructive() == []
