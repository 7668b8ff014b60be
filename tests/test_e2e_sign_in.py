"""Sign-in as real accounts meet it: saved sessions, keyring, two-factor, CAPTCHA, other
services and `automator login`, each through the real CLI against a replay variant."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from automator.keystore import ACCOUNT_KEY
from automator.sites import default_site
from tests.support import DEMO_EMAIL, DEMO_PASSWORD, cli_env
from tests.support.cli import Cli, CliRun, InProcessCli, Keyring, SubprocessCli
from tests.support.replay import Replay, Replays

SERVICE = default_site().account.keyring_service

pytestmark = pytest.mark.e2e
LOGIN = ("POST", "/api/login/v3")


def no_credentials_env() -> dict[str, str]:
    env = cli_env()
    del env["COURSERA_EMAIL"], env["COURSERA_PASSWORD"]
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return env


def _dry_run(
    cli: Cli,
    server: Replay,
    *args: str,
    answer: str | None = None,
    env: dict[str, str] | None = None,
    keyring: Keyring | None = None,
) -> CliRun:
    return cli(
        "cancel",
        "--dry-run",
        "--base-url",
        server.url,
        "--timeout",
        "10",
        *args,
        answer=answer,
        env=env,
        keyring=keyring,
    )


def test_session_is_saved_reused_renewed_when_expired_and_forgotten_on_logout(
    replay: Replays, run_cli_in_process: InProcessCli, run_cli_subprocess: SubprocessCli, tmp_path: Path
) -> None:
    server = replay()
    first = _dry_run(run_cli_in_process, server)
    assert first.returncode == 0, first.stderr
    assert first.run_json["session"] == {"reused": False, "saved": True}
    sessions = list((tmp_path / "data" / "sessions").glob("*.json"))
    assert len(sessions) == 1
    assert stat.S_IMODE(sessions[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(sessions[0].parent.stat().st_mode) == 0o700
    assert DEMO_PASSWORD not in sessions[0].read_text()
    assert len(server.requests_to(*LOGIN)) == 1

    # Next run: no credentials anywhere, and no sign-in needed.
    second = _dry_run(run_cli_in_process, server, env=no_credentials_env())
    assert second.returncode == 0, second.stderr
    assert second.run_json["session"]["reused"] is True
    assert "sign_in" not in [s["name"] for s in second.run_json["steps"]]
    assert len(server.requests_to(*LOGIN)) == 1

    # The site forgets the session: the tool notices the sign-in form and signs in again.
    server.state.sessions.clear()
    third = _dry_run(run_cli_in_process, server)
    assert third.returncode == 0, third.stderr
    assert "saved session has expired" in third.stderr
    assert len(server.requests_to(*LOGIN)) == 2

    # Expired, and no credentials to sign in with: the person is told what to do.
    server.state.sessions.clear()
    fourth = _dry_run(run_cli_in_process, server, env=no_credentials_env())
    assert fourth.returncode == 7, fourth.stderr
    assert fourth.run_json["status"] == "needs_human"
    assert "automator credentials set" in fourth.stderr and "automator login" in fourth.stderr

    out = run_cli_subprocess("logout")
    assert out.returncode == 0 and "Deleted 1" in out.stderr
    assert not sessions[0].exists()


def test_unknown_email_is_sign_in_failed_with_the_sites_message(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay()
    run = _dry_run(run_cli_in_process, server, env=cli_env(COURSERA_EMAIL="nobody@example.com"))
    assert run.returncode == 5, run.stderr
    assert "We couldn't find an account associated with that email address" in run.stderr
    assert len(server.requests_to(*LOGIN)) == 1


def test_keyring_credentials_sign_in_and_the_source_is_named(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay()
    env = cli_env()
    del env["COURSERA_EMAIL"], env["COURSERA_PASSWORD"]
    keyring = {(SERVICE, ACCOUNT_KEY): DEMO_EMAIL, (SERVICE, DEMO_EMAIL): DEMO_PASSWORD}
    run = _dry_run(run_cli_in_process, server, env=env, keyring=keyring)
    assert run.returncode == 0, run.stderr
    assert "credentials from the keyring" in run.stderr
    assert DEMO_PASSWORD not in run.stderr + run.stdout


def test_two_factor_code_typed_at_the_terminal(replay: Replays, run_cli_in_process: InProcessCli) -> None:
    server = replay("variants/two-factor")
    run = _dry_run(run_cli_in_process, server, answer="246810\n")
    assert run.returncode == 0, run.stderr
    names = [s["name"] for s in run.run_json["steps"]]
    assert names[:3] == ["signed_out_home", "sign_in", "two_factor"]
    assert [e["status"] for e in server.requests_to("POST", "/api/login/v3/two-factor")] == [200]
    assert "Two-factor code" in run.stderr and "246810" not in run.stderr


def test_a_wrong_two_factor_code_shows_the_sites_message_once(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/two-factor")
    run = _dry_run(run_cli_in_process, server, answer="000000\n")
    assert run.returncode == 5, run.stderr
    assert "That code didn't work" in run.stderr
    assert len(server.requests_to("POST", "/api/login/v3/two-factor")) == 1


def test_no_two_factor_code_in_a_headless_run_hands_over(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/two-factor")
    run = _dry_run(run_cli_in_process, server, answer="\n")
    assert run.returncode == 7, run.stderr
    assert "automator login" in run.run_json["message"]
    assert server.requests_to("POST", "/api/login/v3/two-factor") == []


def test_captcha_in_a_headless_run_stops_as_needs_human_and_is_never_touched(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/captcha")
    run = _dry_run(run_cli_in_process, server)
    assert run.returncode == 7, run.stderr
    data = run.run_json
    assert data["status"] == "needs_human" and "automator login" in data["message"]
    assert [s["name"] for s in data["steps"]][-2:] == ["captcha", "stopped"]
    assert server.requests_to(*LOGIN) == []  # the form was never posted past the challenge
    assert server.requests_to("GET", "/recaptcha/api2/bframe")  # the challenge was shown


def test_an_account_that_signs_in_elsewhere_is_handed_to_login(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay("variants/social-only")
    run = _dry_run(run_cli_in_process, server)
    assert run.returncode == 7, run.stderr
    assert "Google" in run.stderr and "automator login" in run.stderr
    assert len(server.requests_to(*LOGIN)) == 1


def test_login_keeps_the_session_the_person_made_in_the_browser(
    replay: Replays, run_cli_in_process: InProcessCli, run_cli_subprocess: SubprocessCli, tmp_path: Path
) -> None:
    server = replay("variants/browser-sign-in")
    login = run_cli_subprocess("login", "--headless", "--base-url", server.url, answer="\n")
    assert login.returncode == 0, login.stderr
    assert "session is saved" in login.stderr
    run = _dry_run(run_cli_in_process, server, env=no_credentials_env())
    assert run.returncode == 0, run.stderr
    assert server.requests_to(*LOGIN) == []


def test_login_without_signing_in_saves_nothing(
    replay: Replays, run_cli_subprocess: SubprocessCli, tmp_path: Path
) -> None:
    server = replay()
    login = run_cli_subprocess("login", "--headless", "--base-url", server.url, "--timeout", "2", answer="\n")
    assert login.returncode == 7, login.stderr
    assert "nothing was saved" in login.stderr
    assert not list((tmp_path / "data").glob("sessions/*.json"))


def test_login_needs_a_display_when_headed(run_cli_subprocess: SubprocessCli) -> None:
    run = run_cli_subprocess("login", "--base-url", "http://127.0.0.1:9")
    assert run.returncode == 2
    assert "no display" in run.stderr and "Traceback" not in run.stderr


def test_credentials_status_without_a_keyring_prints_the_way_out(run_cli_subprocess: SubprocessCli) -> None:
    run = run_cli_subprocess("credentials", "status", env=no_credentials_env())
    assert run.returncode == 2
    assert "keyring.backends.fail.Keyring" in run.stdout
    assert "dbus-run-session" in run.stdout and "COURSERA_EMAIL" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_damaged_session_file_is_set_aside(
    replay: Replays, run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    server = replay()
    assert _dry_run(run_cli_in_process, server).returncode == 0
    session = next((tmp_path / "data" / "sessions").glob("*.json"))
    session.write_text("{not json")
    run = _dry_run(run_cli_in_process, server)
    assert run.returncode == 0, run.stderr
    assert "damaged" in run.stderr and session.with_suffix(".damaged").exists()


def test_no_password_option_and_no_secret_in_help(
    run_cli_in_process: InProcessCli, run_cli_subprocess: SubprocessCli
) -> None:
    # cancel's help in the test process, as cancel runs there; login and credentials in their own.
    runs: tuple[tuple[Cli, list[str]], ...] = (
        (run_cli_in_process, ["cancel"]),
        (run_cli_subprocess, ["login"]),
        (run_cli_subprocess, ["credentials", "set"]),
    )
    for run_cli, command in runs:
        run = run_cli(*command, "--help")
        assert run.returncode == 0 and "Usage:" in run.stdout
        assert "--password" not in run.stdout
