"""The command line's conventions, as gh, uv and httpie keep them: `-h` beside `--help`, an
Examples section in every command's help whose examples parse, `completion SHELL`, `--json`
with data on stdout only, NO_COLOR without bold, one error style, and a `cancel` that stops
before signing in when standard input can give no answer. Typer's CliRunner, no browser,
except where a run is the subject."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from playwright.sync_api import Browser
from typer._click import Command
from typer.core import TyperGroup
from typer.testing import CliRunner

from automator import cli
from automator.cli import app
from automator.cli.console import make_console, no_answer_possible
from tests.support import DEMO_EMAIL, DEMO_PASSWORD
from tests.support.cli import SubprocessCli
from tests.support.replay import Replays

runner = CliRunner()
ROOT = typer.main.get_command(app)
SHELL_OPERATORS = {"|", "<", ">", ">>", "&&", ";"}
IN_SECONDS = "--timeout is in seconds, at least 1"


def _commands(command: Command = ROOT, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command's path, groups and the root included: (), ("cancel",), ("credentials", "set")…"""
    yield path
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


def _examples(help_text: str) -> list[str]:
    """The `automator …` lines of the help's Examples section."""
    section = help_text.split("Examples:", 1)[1]
    lines = []
    for line in section.splitlines()[1:]:
        if line and not line.startswith(" "):
            break  # the next section ("Options:", "Arguments:")
        if "automator " in line:
            lines.append(line.strip())
    return lines


def _parse(example: str) -> tuple[str, ...]:
    """Parse an example's `automator ARGS` as the program would, running nothing; its command path."""
    lexer = shlex.shlex(example, posix=True, punctuation_chars="|<>&;")
    lexer.whitespace_split, lexer.commenters = True, "#"
    tokens = list(lexer)
    start = tokens.index("automator") + 1
    end = next((i for i, token in enumerate(tokens) if i >= start and token in SHELL_OPERATORS), len(tokens))
    args, command, path = tokens[start:end], ROOT, []
    ctx = command.make_context("automator", list(args))
    while isinstance(command, TyperGroup) and ctx._protected_args:
        rest = [*ctx._protected_args, *ctx.args]
        name, found, rest = command.resolve_command(ctx, rest)
        assert found is not None and name is not None
        command, ctx = found, found.make_context(name, rest, parent=ctx)
        path.append(name)
    return tuple(path)


@pytest.mark.parametrize("path", list(_commands()), ids=lambda path: " ".join(path) or "automator")
def test_every_command_takes_h_and_shows_examples_that_parse(path: tuple[str, ...]) -> None:
    short = runner.invoke(app, [*path, "-h"])
    assert short.exit_code == 0, short.output
    assert short.output == runner.invoke(app, [*path, "--help"]).output
    assert "-h, --help" in short.output
    examples = _examples(short.output)
    assert examples, f"no examples in `automator {' '.join(path)} -h`"
    for example in examples:
        named = _parse(example)  # raises on an option or command that does not exist
        assert named[: len(path)] == path, f"{example!r} is not an example of {path}"


def test_an_example_that_does_not_parse_is_caught() -> None:
    """The check above can fail: a mistyped option or command raises."""
    assert _parse("automator cancel --dry-run --out x  # fine") == ("cancel",)
    assert _parse("automator session export | gh secret set X") == ("session", "export")
    with pytest.raises(Exception, match="--dry-runn"):
        _parse("automator cancel --dry-runn")
    with pytest.raises(Exception, match="cancle"):
        _parse("automator cancle")


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _automator_completion automator"),
        ("zsh", "#compdef automator"),
        ("fish", "complete --command automator"),
    ],
)
def test_completion_prints_the_script_of_the_shell_named(shell: str, marker: str) -> None:
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0, result.output
    assert marker in result.stdout
    assert f"_AUTOMATOR_COMPLETE=complete_{shell}" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("shell", "typed", "expected"),
    [
        ("bash", {"COMP_WORDS": "automator ca", "COMP_CWORD": "1"}, "cancel"),
        ("zsh", {"_TYPER_COMPLETE_ARGS": "automator cancel --d"}, "--dry-run"),
    ],
)
def test_the_printed_scripts_are_answered(shell: str, typed: dict[str, str], expected: str) -> None:
    """What the script asks (the variable it sets, the words typed so far) gets completions."""
    env = {**typed, "_AUTOMATOR_COMPLETE": f"complete_{shell}"}
    result = runner.invoke(app, [], env=env, prog_name="automator")
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["cancel", "--timeout", "0"], f"error: --timeout: too small; {IN_SECONDS}"),
        (["cancel", "--timeout", "soon"], f"error: --timeout: not a number; {IN_SECONDS}"),
        (["replay", "x", "--port", "70000"], "error: --port: too large; --port is a number from 0 to 65535"),
        (["cancel", "--password", "x"], "error: no such option: --password"),
        (["cancle"], "error: no such command 'cancle'. Did you mean 'cancel'?"),
        (["record"], "error: missing option '--out'"),
        (["completion", "tcsh"], "error: SHELL: 'tcsh' is not one of 'bash', 'zsh', 'fish'"),
    ],
)
def test_a_mistyped_command_line_is_said_as_the_tools_own_errors_are(args: list[str], said: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    first, *rest = result.stderr.splitlines()
    assert first.startswith(said), result.stderr
    assert "Error:" not in result.output and "Usage:" not in result.output
    assert re.fullmatch(r"Run 'automator( [a-z]+)? -h' for its options and examples\.", rest[0]), rest


def test_no_color_drops_bold_and_dim_too() -> None:
    """rich's own NO_COLOR keeps bold and dim (the first print); ours keeps no style at all."""
    for environ, styled in (({}, True), ({"NO_COLOR": "1"}, False), ({"NO_COLOR": ""}, True)):
        out = io.StringIO()
        console = make_console(environ, file=out, force_terminal=True)
        console.print("[bold]Dry run[/] [dim](1s)[/]", markup=True)
        assert ("\x1b[" in out.getvalue()) == styled, (environ, out.getvalue())
        assert styled or out.getvalue() == "Dry run (1s)\n"
    from rich.console import Console

    rich_alone = io.StringIO()
    Console(file=rich_alone, force_terminal=True, no_color=True).print("[bold]x[/]")
    assert "\x1b[1m" in rich_alone.getvalue()  # why make_console exists


def test_credentials_status_json_is_the_answer_alone_on_stdout() -> None:
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        result = runner.invoke(app, ["credentials", "status", "--json"])
    finally:
        keyring.set_keyring(previous)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer.pop("backend").endswith("MemoryKeyring")
    assert answer == {"insecure": False, "usable": True, "problem": None, "account": None}


def test_check_json_and_update_both_want_stdout() -> None:
    result = runner.invoke(app, ["check", "--json", "--update", "fixtures/coursera"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --json and --update both print on standard output")


# -- a used --out folder -------------------------------------------------------------------
@pytest.mark.parametrize("command", ["cancel", "check"])
def test_an_out_folder_holding_an_earlier_runs_files_is_refused_before_anything_starts(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import automator.cli.cancel
    import automator.cli.recordings

    def nothing_starts(*args: object, **kwargs: object) -> None:
        raise AssertionError("nothing may start with a used --out folder")

    for module in (automator.cli.cancel, automator.cli.recordings):
        monkeypatch.setattr(module, "prepare", nothing_starts)
    out = tmp_path / "run"
    out.mkdir()
    (out / "05-stopped.png").write_bytes(b"earlier")
    (out / "page.html").write_text("earlier")
    args = [command, "--base-url", "http://127.0.0.1:9", "--out", str(out)]
    result = runner.invoke(app, [*args, "--dry-run"] if command == "cancel" else args)
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert f"error: the run folder {out} already holds files (05-stopped.png, page.html)" in said
    assert "Give --out a new or empty folder" in said
    assert sorted(p.name for p in out.iterdir()) == ["05-stopped.png", "page.html"]


def test_the_default_run_folder_is_a_new_one_within_the_same_second_too(tmp_path: Path) -> None:
    from datetime import datetime

    from automator.settings import default_out_dir

    now = datetime(2026, 11, 26, 7, 8, 9)
    first = default_out_dir(tmp_path, now)
    first.mkdir(parents=True)
    second = default_out_dir(tmp_path, now)
    assert (first.name, second.name) == ("20261126-070809", "20261126-070809-2")
    assert default_out_dir(tmp_path, now, prefix="check-").name == "check-20261126-070809"


# -- standard input that can give no answer --------------------------------------------------
def _pipe(data: bytes, close_writer: bool) -> tuple[int, int | None]:
    read, write = os.pipe()
    os.write(write, data)
    if close_writer:
        os.close(write)
        return read, None
    return read, write


def test_what_standard_input_can_never_answer_is_told_without_reading_or_waiting(tmp_path: Path) -> None:
    empty, full = tmp_path / "empty", tmp_path / "full"
    empty.write_bytes(b"")
    full.write_bytes(b"yes\n")
    opened: list[int] = []

    def fd(path: Path | str) -> int:
        opened.append(os.open(path, os.O_RDONLY))
        return opened[-1]

    try:
        assert no_answer_possible(fd(os.devnull)) == "/dev/null"
        assert no_answer_possible(fd(empty)) == "an empty file"
        assert no_answer_possible(fd(full)) is None
        at_end = fd(full)
        os.lseek(at_end, 0, os.SEEK_END)
        assert no_answer_possible(at_end) == "an empty file"  # nothing left to read in it
        closed, _ = _pipe(b"", close_writer=True)
        opened.append(closed)
        assert no_answer_possible(closed) == "a closed pipe"
        pending, _ = _pipe(b"yes\n", close_writer=True)
        opened.append(pending)
        assert no_answer_possible(pending) is None
        assert os.read(pending, 10) == b"yes\n"  # the answer is still there for the approval
        waiting, writer = _pipe(b"", close_writer=False)
        opened += [waiting, writer or -1]
        started = time.monotonic()
        assert no_answer_possible(waiting) is None  # cannot be known without reading: go on
        assert time.monotonic() - started < 0.5  # and it did not wait for the writer
        leader, follower = os.openpty()
        opened += [leader, follower]
        assert no_answer_possible(follower) is None  # a terminal
        gone = fd(os.devnull)
        os.close(gone)
        opened.remove(gone)
        assert no_answer_possible(gone) == "closed"
    finally:
        for number in opened:
            os.close(number)


def test_cancel_with_no_terminal_to_approve_at_stops_before_signing_in(
    replay: Replays, run_cli_subprocess: SubprocessCli
) -> None:
    """Standard input is /dev/null (what the subprocess gets without an answer): the run could
    only decline at the end, so it does not start. The replay's log shows no request at all."""
    server = replay()
    run = run_cli_subprocess("cancel", "--headless", "--base-url", server.url)
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("error: no terminal to approve at; run it at a terminal")
    assert "standard input is /dev/null" in run.stderr
    assert server.log_lines() == []  # no page, no sign-in
    assert not run.out_dir.exists()


Runner = Callable[[list[str], bytes], tuple[int, str]]


@pytest.fixture
def piped_cli(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Runner:
    """`automator ARGS` with BYTES piped in and the pipe's writer gone, through the console
    script's own entry point, in this process on the worker's browser: a real file descriptor
    as standard input (CliRunner's has none). Returns the exit code and standard error."""
    for name in list(os.environ):
        if name.startswith(("COURSERA_", "AUTOMATOR_")) or name == "DISPLAY":
            monkeypatch.delenv(name)
    monkeypatch.setenv("COURSERA_EMAIL", DEMO_EMAIL)
    monkeypatch.setenv("COURSERA_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("AUTOMATOR_DATA_DIR", str(tmp_path / "data"))

    def run(args: list[str], piped: bytes) -> tuple[int, str]:
        read, _ = _pipe(piped, close_writer=True)
        with open(read, encoding="utf-8") as stdin, pytest.raises(SystemExit) as ended:
            monkeypatch.setattr(sys, "stdin", stdin)
            cli.main(args, cli.Runtime(browser=browser))
        return int(ended.value.code or 0), capsys.readouterr().err

    return run


def test_a_piped_yes_is_the_persons_answer_and_cancels_once(
    replay: Replays, piped_cli: Runner, tmp_path: Path
) -> None:
    """`yes | automator cancel`: the pipe holds an answer, so the run goes on, and the answer is
    read at the final dialog, not before."""
    server = replay()
    server.save_signed_in_session(tmp_path / "data")
    args = ["cancel", "--headless", "--base-url", server.url, "--out", str(tmp_path / "run")]
    code, said = piped_cli(args, b"yes\n")
    assert code == 0, said
    assert len(server.destructive()) == 1
    assert [e["status"] for e in server.requests_to("POST", "/api/subscriptions/v1/cancel")] == [200]
    assert "Ready to cancel:" in said


def test_an_empty_pipe_already_closed_stops_cancel_not_a_dry_run(piped_cli: Runner, tmp_path: Path) -> None:
    """`true | automator cancel`, once `true` has exited. A dry run asks nothing: it goes on
    (to an address that is never reached, which ends it at once, exit 1)."""
    for dry_run, expected in ((False, 2), (True, 1)):
        out = tmp_path / f"run-{dry_run}"
        args = ["cancel", "--headless", "--base-url", "http://127.0.0.1:9", "--out", str(out)]
        code, said = piped_cli(args + ["--dry-run"] * dry_run, b"")
        assert code == expected, said
        assert ("standard input is a closed pipe" in said) == (not dry_run)
