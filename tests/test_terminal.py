"""At a real terminal (a pseudo-terminal driven by pexpect): the credential prompt types the
password hidden and offers to store it, and the approval prompt takes a typed answer."""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from tests.support import DEMO_EMAIL, DEMO_PASSWORD, REPO, cli_env, free_port
from tests.support.replay import Replay

StartReplay = Callable[..., Replay]

pytestmark = pytest.mark.e2e
CANCEL_PATH = "/api/subscriptions/v1/cancel"


def _spawn(args: list[str], env: dict[str, str]) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "tests.support.memory_keyring", "{}", *args],
        cwd=str(REPO),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 200),
    )


def _repeat_run(server: Replay, tmp_path: Path, *options: str, **env: str) -> pexpect.spawn:
    """`automator cancel OPTIONS` at a terminal, signed in from a saved session as a repeat run
    is (these tests are not about signing in), with its run folder in tmp_path/run."""
    server.save_signed_in_session(tmp_path / "data")
    args = ["cancel", *options, "--base-url", server.url, "--out", str(tmp_path / "run")]
    return _spawn(args, cli_env(AUTOMATOR_DATA_DIR=str(tmp_path / "data"), **env))


def test_prompted_credentials_are_hidden_stored_and_used(replay: StartReplay, tmp_path: Path) -> None:
    server = replay()
    env = cli_env(AUTOMATOR_DATA_DIR=str(tmp_path / "data"))
    del env["COURSERA_EMAIL"], env["COURSERA_PASSWORD"]
    child = _spawn(["cancel", "--dry-run", "--base-url", server.url, "--out", str(tmp_path / "run")], env)
    child.expect("Coursera email: ")
    child.sendline(DEMO_EMAIL)
    child.expect(r"Password \(hidden\): ")
    child.sendline(DEMO_PASSWORD)
    child.expect(r"Store them in the OS keyring for next time\? \[y/N\] ")
    child.sendline("y")
    child.expect("Stored the account in the OS keyring")
    child.expect("credentials from the prompt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    transcript = child.before or ""
    assert DEMO_PASSWORD not in transcript  # the terminal never echoed it
    assert json.loads((tmp_path / "run" / "run.json").read_text())["status"] == "dry_run_complete"
    assert len(server.requests_to("POST", "/api/login/v3")) == 1


def test_typed_approval_at_a_terminal(replay: StartReplay, tmp_path: Path) -> None:
    server = replay()
    child = _repeat_run(server, tmp_path, "--headless")
    child.expect("Before you go: pause your subscription instead")
    child.expect("press Enter to decline it and go on: ")
    child.sendline("")
    child.expect("Ready to cancel:")
    child.expect("anything else keeps the subscription: ")
    assert server.destructive() == []  # nothing before the answer
    child.sendline("yes")
    child.expect("Your subscription has been cancelled")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(server.destructive()) == 1


def test_taking_an_offer_needs_the_typed_word_and_changes_only_that(
    replay: StartReplay, tmp_path: Path
) -> None:
    server = replay()
    child = _repeat_run(server, tmp_path, "--headless")
    child.expect("press Enter to decline it and go on: ")
    assert not [e for e in server.log_lines() if e.get("changes_account")]
    child.sendline("accept")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 10, child.before
    data = json.loads((tmp_path / "run" / "run.json").read_text())
    assert data["status"] == "offer_accepted"
    assert data["subscription"]["offers"] == [
        {"kind": "pause", "title": "Before you go: pause your subscription instead?", "decision": "accepted"}
    ]
    assert [e["path"] for e in server.log_lines() if e.get("changes_account")] == [
        "/api/subscriptions/v1/pause"
    ]
    assert server.destructive() == []
    assert server.state.values["subscription"] == "paused"


def test_a_person_at_the_terminal_chooses_among_several_subscriptions(
    replay: StartReplay, tmp_path: Path
) -> None:
    server = replay("variants/two-subscriptions")
    child = _repeat_run(server, tmp_path, "--dry-run")
    child.expect("Google Data Analytics Professional Certificate")
    child.expect(r"Which one should be cancelled\? \[1-2, Enter for none\]: ")
    child.sendline("2")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert server.requests_to("GET", "/account-settings/subscriptions/gda/cancel/survey")
    assert server.destructive() == []


def test_google_play_billing_offers_to_open_the_page_in_the_persons_browser(
    replay: StartReplay, tmp_path: Path
) -> None:
    server = replay("variants/billed-google-play")
    child = _repeat_run(server, tmp_path, "--headless")
    child.expect(r"Open https://play\.google\.com/store/account/subscriptions in your browser\? \[y/N\] ")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 8
    assert not [e for e in server.log_lines() if e["destructive"] or e.get("changes_account")]


def test_an_offer_that_fails_after_approval_is_reported_as_unknown_not_as_a_cancel(
    replay: StartReplay, tmp_path: Path
) -> None:
    server = replay(faults=["500:POST /api/subscriptions/v1/pause"])
    child = _repeat_run(server, tmp_path, "--headless", "--timeout", "3")
    child.expect("press Enter to decline it and go on: ")
    child.sendline("accept")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1, child.before
    message = json.loads((tmp_path / "run" / "run.json").read_text())["message"]
    assert "offer may or may not have been applied" in message and "Yes, Cancel" not in message
    assert [e["fault"] for e in server.requests_to("POST", "/api/subscriptions/v1/pause")] == ["500"]
    assert server.destructive() == []


def _port_closed(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("moment", ["mid_flow", "approval_prompt", "after_the_click"])
def test_ctrl_c_closes_the_browser_and_says_what_became_of_the_account(
    replay: StartReplay, tmp_path: Path, moment: str
) -> None:
    """Ctrl-C from the terminal (SIGINT to the whole foreground group, browser included)."""
    # A page that never loads holds the run where the test wants to interrupt it.
    hang = {
        "mid_flow": ["hang:GET /account-settings"],
        "approval_prompt": [],
        "after_the_click": ["hang:GET /account-settings/subscriptions@2"],
    }[moment]
    server = replay(faults=hang)
    port = free_port()
    child = _repeat_run(server, tmp_path, "--headless", "--timeout", "60", AUTOMATOR_DEVTOOLS_PORT=str(port))
    if moment == "mid_flow":
        child.expect("Signed-in page with the account menu")
    else:
        child.expect("press Enter to decline it and go on: ")
        child.sendline("")
        child.expect("anything else keeps the subscription: ")
    if moment == "after_the_click":
        child.sendline("yes")
        assert server.state.wait_for_request("POST", CANCEL_PATH, timeout=30)
    assert not _port_closed(port)  # the browser is up until the interrupt
    child.sendintr()
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert child.exitstatus == 130, child.before
    data = json.loads((tmp_path / "run" / "run.json").read_text())
    assert data["status"] == "interrupted" and "Traceback" not in (child.before or "")
    assert data["steps"][-1]["name"] == "stopped"
    assert (tmp_path / "run" / data["steps"][-1]["screenshot"]).is_file()
    assert _port_closed(port)  # the browser is gone
    if moment == "after_the_click":
        assert "may still be active" in data["message"]
        assert len(server.requests_to("POST", CANCEL_PATH)) == 1  # never pressed again
    else:
        assert "Nothing was cancelled" in data["message"]
        assert server.destructive() == [] and server.state.values["subscription"] == "active"
