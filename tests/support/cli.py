"""`automator ARGS` for a test, run one of two ways, chosen by the test.

`InProcessCli` runs `cancel`, `check`, `record`, `status`, `remind` and `demo` inside the test
process (typer's CliRunner) on the worker's one browser: the same command, options, output and
exit code, without starting an interpreter, the Playwright driver and Chromium for every run,
and with the day of its `today` (days left are counted from it); `history` too, which needs no
browser. It refuses any other command, and `--headed`, which need a process of their own.

`SubprocessCli` runs any command as a real `python -m automator` subprocess
(tests/test_terminal.py drives one at a real terminal).

Both prepare a run the same way: the environment is `cli_env()` unless given, sessions stay in
the test's data folder, and `cancel` writes its evidence to a fresh numbered folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from tests.support.env import cli_env
from tests.support.paths import REPO

# The commands that walk the flow in a browser, and `history`, which reads the data folder only.
IN_PROCESS = frozenset({"cancel", "check", "record", "status", "remind", "demo", "history"})
Keyring = dict[tuple[str, str], str]  # (service, user) → secret


@dataclass
class CliRun:
    """What a run left: its exit code, its output and its evidence folder."""

    returncode: int
    stdout: str
    stderr: str
    out_dir: Path

    @property
    def run_json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.out_dir / "run.json").read_text())
        return data


class OutDirs:
    """Fresh evidence folders for one test's runs: run-0, run-1, … under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._numbers: Iterator[int] = iter(range(1000))

    def __call__(self) -> Path:
        return self.root / f"run-{next(self._numbers)}"


@dataclass(frozen=True)
class Call:
    """One run, prepared: its arguments, what is typed, its environment and evidence folder."""

    args: tuple[str, ...]
    answer: str | None
    env: dict[str, str]
    out: Path
    keyring: Keyring | None  # an in-memory keyring holding exactly these entries; None: the real one


def runs_in_process(args: tuple[str, ...]) -> bool:
    return bool(args) and args[0] in IN_PROCESS and "--headed" not in args


class Cli(ABC):
    """`automator ARGS`; `answer` is what the person types on standard input."""

    def __init__(self, out_dirs: OutDirs, data_dir: Path) -> None:
        self.out_dirs = out_dirs
        self.data_dir = data_dir  # where the runs keep sessions and receipts

    def __call__(
        self,
        *args: str,
        answer: str | None = None,
        env: dict[str, str] | None = None,
        out: Path | None = None,
        keyring: Keyring | None = None,
    ) -> CliRun:
        out = out or self.out_dirs()
        env = dict(env or cli_env())
        env.setdefault("AUTOMATOR_DATA_DIR", str(self.data_dir))  # sessions stay in the test
        if args and args[0] == "cancel" and "--out" not in args:
            args += ("--out", str(out))
        return self.run(Call(args, answer, env, out, keyring))

    @abstractmethod
    def run(self, call: Call) -> CliRun: ...


class SubprocessCli(Cli):
    """Every command as a real `python -m automator` subprocess."""

    def run(self, call: Call) -> CliRun:
        cmd = [sys.executable, "-m", "automator", *call.args]
        if call.keyring is not None:
            entries = {f"{service}|{user}": secret for (service, user), secret in call.keyring.items()}
            cmd = [sys.executable, "-m", "tests.support.memory_keyring", json.dumps(entries), *call.args]
        done = subprocess.run(
            cmd,
            input=call.answer,
            stdin=None if call.answer is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=call.env,
            timeout=180,
            cwd=REPO,
        )
        return CliRun(done.returncode, done.stdout, done.stderr, call.out)


class InProcessCli(Cli):
    """`cancel`, `check`, `record`, `demo` (on `browser`) and `history` in the test process; nothing else."""

    def __init__(self, out_dirs: OutDirs, data_dir: Path, browser: Browser) -> None:
        super().__init__(out_dirs, data_dir)
        self.browser = browser
        self.today: Callable[[], date] = date.today  # the runs' clock: a test may fix the day

    def run(self, call: Call) -> CliRun:
        import keyring
        from typer.testing import CliRunner

        from automator import cli
        from tests.support.memory_keyring import MemoryKeyring

        assert runs_in_process(call.args), (
            f"`automator {' '.join(call.args[:2])}` cannot run in the test process (only "
            f"{', '.join(sorted(IN_PROCESS))} can, and not --headed): use run_cli_subprocess"
        )
        # Exactly `env`: what it lacks is unset for the run, as in a subprocess.
        environment: dict[str, str | None] = {name: None for name in os.environ if name not in call.env}
        environment.update(call.env)
        previous_keyring = keyring.get_keyring()
        if call.keyring is not None:
            keyring.set_keyring(MemoryKeyring(call.keyring))
        runtime = cli.Runtime(browser=self.browser, today=self.today)  # typer's context object
        try:
            result = CliRunner().invoke(
                cli.app, list(call.args), input=call.answer or "", env=environment, obj=runtime
            )
        finally:
            keyring.set_keyring(previous_keyring)
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            # What a subprocess would have printed: the tests look for it and fail.
            assert result.exc_info is not None
            stderr += "".join(traceback.format_exception(*result.exc_info))
        return CliRun(result.exit_code, result.stdout, stderr, call.out)
