"""Shared fixtures: the replay server, the real CLI as a subprocess, and pytest-playwright
pointed at whichever Chromium this machine has (the same choice the tool makes)."""

from __future__ import annotations

import json
import os
import queue
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from automator.browser import bundled_chromium, choose_browser, launch_options
from automator.recording import load_recording
from automator.replay import Fault, ReplayServer
from automator.session import save_session, session_file

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
BASE = FIXTURES / "coursera"
DEMO_EMAIL = "demo.learner@example.com"
DEMO_PASSWORD = "demo-password-1234"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], playwright: Any) -> dict[str, Any]:
    """pytest-playwright's launch, with the tool's own browser choice and flags."""
    headless = browser_type_launch_args.get("headless", True)
    return {
        **browser_type_launch_args,
        **launch_options(choose_browser(bundled_chromium(playwright), headless=headless), headless),
    }


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}


class Replay(ReplayServer):
    def log_lines(self) -> list[dict[str, Any]]:
        """The request log as written to disk, one JSON object per line."""
        path = self.state.log_path
        assert path is not None
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines()]

    def destructive(self) -> list[dict[str, Any]]:
        return [entry for entry in self.log_lines() if entry["destructive"]]

    def save_signed_in_session(self, data_dir: Path) -> None:
        """A session saved in `data_dir` as an earlier run would have left it: the next run
        starts signed in, as a repeat run does. For tests whose subject comes after the sign-in
        (the sign-in has tests of its own): three screens fewer to walk."""
        token = secrets.token_urlsafe(16)
        self.state.sessions.add(token)
        name = self.state.recording.session_cookie  # the recording names its cookie
        cookie = {"name": name, "value": token, "domain": "127.0.0.1", "path": "/", "expires": -1}
        save_session(session_file(data_dir, self.url), {"cookies": [cookie], "origins": []})

    def requests_to(self, method: str, path: str) -> list[dict[str, Any]]:
        return [e for e in self.log_lines() if e["method"] == method and e["path"] == path]


@pytest.fixture
def replay(tmp_path: Path) -> Iterator[Callable[..., Replay]]:
    """Start a replay of a recording (the base by default) with its log in tmp_path."""
    servers: list[Replay] = []

    def start(
        recording: str | Path = BASE,
        faults: list[str] = (),
        fault_delay_s: float = 60.0,
        scramble: int | None = None,
    ) -> Replay:
        path = Path(recording)
        if not path.is_absolute():
            path = FIXTURES / path
        parsed = [Fault.parse(rule) for rule in faults]
        log = tmp_path / f"replay-{len(servers)}.jsonl"
        server = Replay(load_recording(path), 0, log, parsed, fault_delay_s, scramble)
        servers.append(server)
        return server.start()  # type: ignore[return-value]

    yield start
    for server in servers:
        server.stop()


@dataclass
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    out_dir: Path

    @property
    def run_json(self) -> dict[str, Any]:
        return json.loads((self.out_dir / "run.json").read_text())


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSERA_", "AUTOMATOR_"))}
    env.update(
        {
            "COURSERA_EMAIL": DEMO_EMAIL,
            "COURSERA_PASSWORD": DEMO_PASSWORD,
            "PYTHONUNBUFFERED": "1",
            "NO_COLOR": "1",
        }
    )
    env.pop("DISPLAY", None)
    env.update(extra)
    return env


IN_PROCESS = ("cancel", "check", "record")  # the commands that walk the flow in a browser


@pytest.fixture
def run_cli(tmp_path: Path, request: pytest.FixtureRequest) -> Callable[..., CliRun]:
    """Run `automator ARGS`; `answer` is what the person types on standard input.

    `cancel`, `check` and `record` run inside the test process (typer's CliRunner) on the
    worker's one browser: the same command, options, output and exit code, without starting
    an interpreter, the Playwright driver and Chromium for every run. Every other command, and any run with
    `subprocess=True`, is a real subprocess (tests/test_terminal.py drives one at a real
    terminal).
    """
    counter = iter(range(1000))

    def run(
        *args: str,
        answer: str | None = None,
        env: dict[str, str] | None = None,
        out: Path | None = None,
        keyring: dict[tuple[str, str], str] | None = None,
        subprocess: bool = False,
    ) -> CliRun:
        out = out or tmp_path / f"run-{next(counter)}"
        env = dict(env or cli_env())
        env.setdefault("AUTOMATOR_DATA_DIR", str(tmp_path / "data"))  # sessions stay in the test
        args = tuple(args)
        if args and args[0] == "cancel" and "--out" not in args:
            args += ("--out", str(out))
        if args and args[0] in IN_PROCESS and not subprocess and "--headed" not in args:
            browser = request.getfixturevalue("browser")
            return _run_in_process(args, answer, env, out, keyring, browser)
        return _run_subprocess(args, answer, env, out, keyring)

    run.data_dir = tmp_path / "data"  # type: ignore[attr-defined]
    return run


def _run_subprocess(
    args: tuple[str, ...],
    answer: str | None,
    env: dict[str, str],
    out: Path,
    keyring: dict[tuple[str, str], str] | None,
) -> CliRun:
    cmd = [sys.executable, "-m", "automator", *args]
    if keyring is not None:  # an in-memory keyring holding exactly these entries
        entries = {f"{service}|{user}": secret for (service, user), secret in keyring.items()}
        cmd = [sys.executable, "-m", "tests.memory_keyring", json.dumps(entries), *args]
    done = subprocess.run(
        cmd,
        input=answer,
        stdin=None if answer is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=REPO,
    )
    return CliRun(done.returncode, done.stdout, done.stderr, out)


def _run_in_process(
    args: tuple[str, ...],
    answer: str | None,
    env: dict[str, str],
    out: Path,
    keyring_entries: dict[tuple[str, str], str] | None,
    browser: Any,
) -> CliRun:
    import traceback

    import keyring
    from typer.testing import CliRunner

    from automator import cli
    from tests.memory_keyring import MemoryKeyring

    # Exactly `env`: what it lacks is unset for the run, as in a subprocess.
    environment: dict[str, str | None] = {name: None for name in os.environ if name not in env}
    environment.update(env)
    previous_keyring = keyring.get_keyring()
    if keyring_entries is not None:
        keyring.set_keyring(MemoryKeyring(keyring_entries))  # type: ignore[arg-type]
    runtime = cli.Runtime(browser=browser)  # typer's context object: the worker's one browser
    try:
        result = CliRunner().invoke(cli.app, list(args), input=answer or "", env=environment, obj=runtime)
    finally:
        keyring.set_keyring(previous_keyring)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # What a subprocess would have printed: the tests look for it and fail.
        assert result.exc_info is not None
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return CliRun(result.exit_code, result.stdout, stderr, out)


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """A display for headed browsers: the real one, else a private Xvfb (ready when it says so)."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        pytest.skip("needs a display or Xvfb (./scripts/test installs Xvfb where it can)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as ready:
        number = ready.readline().strip()  # Xvfb writes its display number once it accepts clients
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveRun:
    """`automator` running in the background, its standard error read line by line."""

    def __init__(self, cmd: list[str], env: dict[str, str], answer: str) -> None:
        self.proc = subprocess.Popen(
            cmd,
            cwd=REPO,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert self.proc.stdin is not None
        self.proc.stdin.write(answer)
        self.proc.stdin.flush()
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line)

    def wait_for_text(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.seen):
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never printed {text!r}; printed:\n{''.join(self.seen)}"
            try:
                self.seen.append(self.lines.get(timeout=remaining))
            except queue.Empty:
                continue

    def finish(self, timeout: float = 60) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        code = self.proc.wait(timeout=timeout)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code


@pytest.fixture
def live_cli(tmp_path: Path, display: str) -> Iterator[Callable[..., tuple[LiveRun, int, Path]]]:
    """Start `automator cancel --headed` on the display with its DevTools port open, so the test
    can act in the tool's own browser window as the person would."""
    started: list[LiveRun] = []

    def start(server: ReplayServer, *args: str, answer: str = "") -> tuple[LiveRun, int, Path]:
        port = free_port()
        out = tmp_path / f"live-{len(started)}"
        env = cli_env(
            DISPLAY=display, AUTOMATOR_DEVTOOLS_PORT=str(port), AUTOMATOR_DATA_DIR=str(tmp_path / "data")
        )
        cmd = [
            sys.executable,
            "-m",
            "automator",
            "cancel",
            "--headed",
            "--base-url",
            server.url,
            "--timeout",
            "15",
            "--out",
            str(out),
            *args,
        ]
        run = LiveRun(cmd, env, answer)
        started.append(run)
        return run, port, out

    yield start
    for run in started:
        if run.proc.poll() is None:
            run.proc.kill()
            run.proc.wait(timeout=10)


class ScriptedPerson:
    """The `Interaction` of a run inside the test process: what the person types is scripted,
    and every question asked is kept, with when it was answered."""

    def __init__(
        self,
        approval: str | None = None,
        offer: str | None = None,
        while_deciding: Callable[[], None] | None = None,
    ) -> None:
        self.approval, self.offer = approval, offer
        self.while_deciding = while_deciding  # what happens on the page while the person decides
        self.steps: list[str] = []
        self.infos: list[str] = []
        self.summaries: list[Any] = []  # what the person was shown at each approval question
        self.asked: list[tuple[str, float]] = []  # ("approval" | "offer" | "secret", time.time())

    def step(self, step: Any) -> None:
        self.steps.append(step.name)

    def info(self, message: str) -> None:
        self.infos.append(message)

    def ask_secret(self, prompt: str) -> str | None:
        self.asked.append(("secret", time.time()))
        return None

    def ask_approval(self, summary: Any) -> str | None:
        self.asked.append(("approval", time.time()))
        self.summaries.append(summary)
        if self.while_deciding is not None:
            self.while_deciding()
        return self.approval

    def ask_offer(self, summary: Any) -> str | None:
        self.asked.append(("offer", time.time()))
        return self.offer

    def choose(self, rows: list[Any]) -> int | None:
        return None

    def asked_before(self, question: str, entry: dict[str, Any]) -> bool:
        """Was `question` put to the person before this replay log entry was answered?"""
        sent = datetime.fromisoformat(entry["time"]).timestamp() + 0.001  # the log keeps ms
        return any(q == question and when <= sent for q, when in self.asked)


@dataclass
class FlowRun:
    result: Any  # automator.report.RunResult
    person: ScriptedPerson
    out_dir: Path

    @property
    def run_json(self) -> dict[str, Any]:
        return json.loads((self.out_dir / "run.json").read_text())


@pytest.fixture
def run_flow(browser: Any, tmp_path: Path) -> Callable[..., FlowRun]:
    """`run_cancel` inside the test process, in a fresh context of the worker's one browser.

    Several times cheaper than the CLI in a subprocess (no interpreter, driver or browser to
    start), for tests that run the flow many times; the CLI's own behaviour is tested apart.
    """
    from automator.cancel import run_cancel
    from automator.credentials import Credentials
    from automator.settings import RunSettings

    counter = iter(range(1000))

    def run(
        server: ReplayServer,
        *,
        dry_run: bool = False,
        approval: str | None = None,
        offer: str | None = None,
        timeout_s: float = 5,
        data_dir: Path | None = None,
        subscription: str | None = None,
        while_deciding: Callable[[Any], None] | None = None,
    ) -> FlowRun:
        out = tmp_path / f"flow-{next(counter)}"
        settings = RunSettings(
            base_url=server.url,
            dry_run=dry_run,
            headless=True,
            out_dir=out,
            data_dir=data_dir or out / "data",
            timeout_s=timeout_s,
            subscription=subscription,
        )
        # The run's own page (its context is the newest of the worker's browser), for a test
        # that changes the page while the person decides.
        hook = (lambda: while_deciding(browser.contexts[-1].pages[0])) if while_deciding else None
        person = ScriptedPerson(approval, offer, hook)
        result = run_cancel(
            settings, lambda: Credentials(DEMO_EMAIL, DEMO_PASSWORD, "environment"), person, browser=browser
        )
        return FlowRun(result, person, out)

    return run
