"""The command line through typer's CliRunner (no browser): help, usage errors, exit codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from automator.cli import app
from tests.support import REPO

if TYPE_CHECKING:
    from tests.memory_keyring import MemoryKeyring

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
    assert result.exit_code == 2 and "error: no such option: --password" in result.output


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


def test_unwritable_out_dir_is_a_usage_error(tmp_path: Path) -> None:
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


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_credentials_set_status_delete_round_trip(memory_keyring: MemoryKeyring) -> None:
    from automator.keystore import ACCOUNT_KEY
    from automator.sites import default_site

    SERVICE = default_site().account.keyring_service

    result = runner.invoke(app, ["credentials", "set"], input="me@example.com\ns3cret-pw\ns3cret-pw\n")
    assert result.exit_code == 0, result.output
    assert memory_keyring.store == {
        (SERVICE, ACCOUNT_KEY): "me@example.com",
        (SERVICE, "me@example.com"): "s3cret-pw",
    }
    assert "s3cret-pw" not in result.output
    status = runner.invoke(app, ["credentials", "status"])
    assert status.exit_code == 0
    assert "MemoryKeyring" in status.output and "Account: me@example.com" in status.output
    assert "s3cret-pw" not in status.output
    deleted = runner.invoke(app, ["credentials", "delete"])
    assert deleted.exit_code == 0 and memory_keyring.store == {}
    assert "none stored" in runner.invoke(app, ["credentials", "status"]).output


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("me@example.com\na\nb\n", "differ"),
        ("me@example.com\n\n\n", "empty"),
        ("not-an-email\npw\npw\n", "not an email address"),
    ],
)
def test_credentials_set_refuses_bad_input_and_stores_nothing(
    memory_keyring: MemoryKeyring, typed: str, message: str
) -> None:
    result = runner.invoke(app, ["credentials", "set"], input=typed)
    assert result.exit_code == 2 and message in result.output
    assert memory_keyring.store == {}


def test_plaintext_keyring_is_refused_unless_allowed() -> None:
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        refused = runner.invoke(app, ["credentials", "set"], input="me@example.com\npw\npw\n")
        assert refused.exit_code == 2 and "--allow-insecure-keyring" in refused.output
        allowed = runner.invoke(
            app, ["credentials", "set", "--allow-insecure-keyring"], input="me@example.com\npw\npw\n"
        )
        assert allowed.exit_code == 0
        status = runner.invoke(app, ["credentials", "status", "--allow-insecure-keyring"])
        assert "insecure" in status.output
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def bad_recording(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "recording.json").write_text("{")
    return folder


GOOD_ENV = {"COURSERA_EMAIL": "a@example.com", "COURSERA_PASSWORD": "p"}
NOWHERE = "http://127.0.0.1:9"


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (
            ["cancel", "--dry-run", "--base-url", NOWHERE],
            {**GOOD_ENV, "COURSERA_EMAIL": "not-an-email"},
            "is not an email address",
        ),
        (
            ["cancel", "--dry-run", "--base-url", NOWHERE],
            {**GOOD_ENV, "COURSERA_PASSWORD": ""},
            "COURSERA_PASSWORD is empty",
        ),
        (["cancel", "--dry-run", "--base-url", "file:///etc/passwd"], GOOD_ENV, "http:// or https://"),
        (["cancel", "--dry-run", "--base-url", NOWHERE, "--reason", " "], GOOD_ENV, "--reason is empty"),
        (["cancel", "--timeout", "soon"], GOOD_ENV, "error: --timeout: not a number"),
        (["replay", "{broken}"], {}, "cannot be read as JSON"),
        (["replay", "{missing}"], {}, "has no recording.json"),
        (["replay", "fixtures/coursera", "--fault", "500 everywhere"], {}, "KIND:METHOD /path"),
        (["check", "--recording", "{broken}", "--base-url", NOWHERE], GOOD_ENV, "cannot be read as JSON"),
    ],
)
def test_bad_input_is_a_clear_usage_error_without_a_traceback(
    bad_recording: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
    words: str,
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("AUTOMATOR_DATA_DIR", str(tmp_path / "data"))
    for name in ("COURSERA_EMAIL", "COURSERA_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    args = [a.format(broken=bad_recording, missing=tmp_path / "nothing") for a in args]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2, result.output
    assert words in " ".join(result.output.split())
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["cancel", "check"])
@pytest.mark.parametrize("password", [{"COURSERA_PASSWORD": "p"}, {}], ids=["and_a_password", "alone"])
def test_a_bad_email_in_the_environment_is_refused_even_with_a_saved_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, password: dict[str, str]
) -> None:
    """The session would skip the sign-in today; the variable would still be wrong tomorrow."""
    import automator.cancel
    import automator.check
    from automator.session import save_session, session_file
    from automator.status import USAGE_EXIT_CODE

    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("no run may start with a bad COURSERA_EMAIL")

    monkeypatch.setattr(automator.cancel, "run_cancel", no_run)
    monkeypatch.setattr(automator.check, "run_check", no_run)
    data = tmp_path / "data"
    save_session(session_file(data, NOWHERE), {"cookies": [], "origins": []})
    env = {"COURSERA_EMAIL": "not-an-email", **password, "AUTOMATOR_DATA_DIR": str(data)}
    result = runner.invoke(app, [command, "--base-url", NOWHERE, "--out", str(tmp_path / "out")], env=env)
    assert result.exit_code == USAGE_EXIT_CODE, result.output
    said = " ".join(result.output.split())
    assert "COURSERA_EMAIL: 'not-an-email' is not an email address" in said
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _exit_codes_paragraph(command: str) -> str:
    text = " ".join(runner.invoke(app, [command, "--help"]).output.split())
    return text.split("Exit codes: ", 1)[1].split(".", 1)[0]


def test_cancel_help_lists_every_status_exit_code_and_nothing_else() -> None:
    from automator.status import EXIT_CODES, USAGE_EXIT_CODE, Status

    entries = re.split(r", (?=\d+ )", _exit_codes_paragraph("cancel"))
    by_code = {int(entry.split(" ", 1)[0]): entry for entry in entries}
    assert len(by_code) == len(entries)  # each code once
    assert set(by_code) == set(EXIT_CODES.values()) | {USAGE_EXIT_CODE}
    for status in Status:
        for code, entry in by_code.items():
            named = re.search(rf"\b{status.value}\b", entry) is not None
            assert named == (code == status.exit_code), (status, entry)
    assert "usage" in by_code[USAGE_EXIT_CODE]


def test_check_help_exit_codes_are_the_check_verdicts() -> None:
    from automator.check import EXIT_DRIFT, EXIT_ERROR, EXIT_UNCHANGED
    from automator.status import USAGE_EXIT_CODE

    paragraph = _exit_codes_paragraph("check")
    codes = [int(code) for code in re.findall(r"(?:^|, )(\d+) ", paragraph)]
    assert codes == [EXIT_UNCHANGED, EXIT_DRIFT, EXIT_ERROR, USAGE_EXIT_CODE]


def test_a_config_error_is_bad_usage_during_a_login_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One exit code per exception type wherever it is raised: a ConfigError from inside the
    login (here: no browser) is bad usage, as before a run; any other error keeps its status's."""
    import automator.login
    from automator.cli import account
    from automator.errors import ConfigError, NeedsHuman
    from automator.status import USAGE_EXIT_CODE, Status

    monkeypatch.setattr(account, "display", lambda: True)
    monkeypatch.setenv("AUTOMATOR_DATA_DIR", str(tmp_path / "data"))
    for error, code in (
        (ConfigError("no browser"), USAGE_EXIT_CODE),
        (NeedsHuman("not signed in"), Status.NEEDS_HUMAN.exit_code),
    ):

        def fail(*_args: object, error: Exception = error) -> None:
            raise error

        monkeypatch.setattr(automator.login, "run_login", fail)
        result = runner.invoke(app, ["login"])
        assert result.exit_code == code and f"error: {error}" in result.output, result.output


@pytest.mark.parametrize("command", ["cancel", "check"])
def test_an_unknown_site_is_bad_usage_that_names_the_known_ones(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import automator.cli.cancel
    import automator.cli.recordings

    def no_browser(*args: object, **kwargs: object) -> None:
        raise AssertionError("nothing may start for an unknown site")

    for module in (automator.cli.cancel, automator.cli.recordings):
        monkeypatch.setattr(module, "prepare", no_browser)
    result = runner.invoke(app, [command, "--site", "udemy", "--base-url", "http://127.0.0.1:9"])
    assert result.exit_code == 2, result.output
    assert "no site named 'udemy'; known: coursera" in result.output


def test_the_cli_hands_the_run_exactly_the_settings_it_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The boundary between the CLI and the core: every option lands in RunSettings as typed."""
    import automator.cancel
    from automator.report import RunResult
    from automator.settings import RunSettings
    from automator.status import Status

    given: list[RunSettings] = []

    def fake_run(settings: RunSettings, *args: object, **kwargs: object) -> RunResult:
        given.append(settings)
        return RunResult(Status.DRY_RUN_COMPLETE, "done", settings.base_url, True, "now", settings.out_dir)

    monkeypatch.setattr(automator.cancel, "run_cancel", fake_run)
    env = {"COURSERA_EMAIL": "a@example.com", "COURSERA_PASSWORD": "p"}
    env["AUTOMATOR_DATA_DIR"] = str(tmp_path / "d")
    args = [
        "cancel", "--dry-run", "--base-url", "http://127.0.0.1:8123/", "--out", str(tmp_path / "run"),
        "--reason", "too busy", "--subscription", "plus", "--timeout", "7", "--site", "coursera",
    ]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert given == [
        RunSettings(
            base_url="http://127.0.0.1:8123",
            dry_run=True,
            headless=True,
            out_dir=tmp_path / "run",
            data_dir=tmp_path / "d",
            timeout_s=7.0,
            reason="too busy",
            subscription="plus",
            site="coursera",
        )
    ]


@pytest.mark.parametrize(
    "args",
    [["--out", "proof.zip"], ["--export", "2026", "--verify", "proof.zip"], ["--json", "--verify", "x.zip"]],
    ids=["out-without-export", "export-and-verify", "json-and-verify"],
)
def test_history_does_one_thing_at_a_time(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, ["history", *args], env={"AUTOMATOR_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2 and "error:" in result.output, result.output


def test_history_export_of_an_unknown_id_names_the_known_ones(tmp_path: Path) -> None:
    result = runner.invoke(app, ["history", "--export", "2019"], env={"AUTOMATOR_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2 and "'2019' is no receipt's id; the receipts are: none yet" in result.output
