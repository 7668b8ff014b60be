"""The command line through typer's CliRunner (no browser): help, usage errors, exit codes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from automator.cli import app

runner = CliRunner()


def test_help_lists_the_commands_and_teaches() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "cancel" in result.output and "replay" in result.output
    cancel_help = runner.invoke(app, ["cancel", "--help"]).output
    for text in (
        "--dry-run",
        "--base-url",
        "AUTOMATOR_BASE_URL",
        "--out",
        "--reason",
        "--timeout",
        "--json",
        "--headed",
        "Exit codes",
        "COURSERA_EMAIL",
    ):
        assert text in cancel_help
    assert "--password" not in cancel_help


def test_no_command_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.output and "cancel" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("automator ")


def test_there_is_no_password_option_anywhere() -> None:
    result = runner.invoke(app, ["cancel", "--password", "x"])
    assert result.exit_code == 2 and "No such option" in result.output


@pytest.mark.parametrize("url", ["coursera.org", "ftp://example.com", "javascript:alert(1)"])
def test_bad_base_url_is_a_usage_error(url: str) -> None:
    env = {"COURSERA_EMAIL": "a@example.com", "COURSERA_PASSWORD": "p"}
    result = runner.invoke(app, ["cancel", "--dry-run", "--base-url", url], env=env)
    assert result.exit_code == 2
    assert "http" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_timeout_below_one_second_is_refused() -> None:
    result = runner.invoke(app, ["cancel", "--timeout", "0"])
    assert result.exit_code == 2


def test_unwritable_out_dir_is_a_usage_error(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    env = {"COURSERA_EMAIL": "a@example.com", "COURSERA_PASSWORD": "p"}
    result = runner.invoke(
        app,
        ["cancel", "--dry-run", "--base-url", "http://127.0.0.1:9", "--out", str(blocker / "sub")],
        env=env,
    )
    assert result.exit_code == 2
    assert "cannot write the run folder" in result.output
