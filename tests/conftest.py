"""Shared fixtures: the replay server, the real CLI as a subprocess, and pytest-playwright
pointed at whichever Chromium this machine has (the same choice the tool makes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from automator.browser import bundled_chromium, choose_browser, launch_options
from automator.recording import load_recording
from automator.replay import ReplayServer

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
        **launch_options(choose_browser(bundled_chromium(playwright)), headless),
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

    def requests_to(self, method: str, path: str) -> list[dict[str, Any]]:
        return [e for e in self.log_lines() if e["method"] == method and e["path"] == path]


@pytest.fixture
def replay(tmp_path: Path) -> Iterator[Callable[..., Replay]]:
    """Start a replay of a recording (the base by default) with its log in tmp_path."""
    servers: list[Replay] = []

    def start(recording: str | Path = BASE) -> Replay:
        path = Path(recording)
        if not path.is_absolute():
            path = FIXTURES / path
        server = Replay(load_recording(path), 0, tmp_path / f"replay-{len(servers)}.jsonl")
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


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., CliRun]:
    """Run `automator ARGS` as a real subprocess; `answer` is what the person types."""
    counter = iter(range(1000))

    def run(
        *args: str,
        answer: str | None = None,
        env: dict[str, str] | None = None,
        out: Path | None = None,
        keyring: dict[tuple[str, str], str] | None = None,
    ) -> CliRun:
        out = out or tmp_path / f"run-{next(counter)}"
        env = dict(env or cli_env())
        env.setdefault("AUTOMATOR_DATA_DIR", str(tmp_path / "data"))  # sessions stay in the test
        cmd = [sys.executable, "-m", "automator", *args]
        if keyring is not None:  # an in-memory keyring holding exactly these entries
            entries = {f"{service}|{user}": secret for (service, user), secret in keyring.items()}
            cmd = [sys.executable, "-m", "tests.memory_keyring", json.dumps(entries), *args]
        if args and args[0] == "cancel" and "--out" not in args:
            cmd += ["--out", str(out)]
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

    return run
