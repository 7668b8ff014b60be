"""A headed `automator cancel` running in the background at a display, read line by line, so a
test can act in the tool's own browser window (over its DevTools port) as the person would."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tests.support.env import cli_env
from tests.support.paths import REPO

if TYPE_CHECKING:
    from automator.replay import ReplayServer


@contextmanager
def private_display() -> Iterator[str | None]:
    """A private Xvfb's display, ready when it says so; None when this machine has no Xvfb."""
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        yield None
        return
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


class LiveCli:
    """Starts `automator cancel --headed` on `display` with its DevTools port open; `stop_all`
    kills what is still running."""

    def __init__(self, root: Path, display: str) -> None:
        self.root, self.display = root, display
        self.started: list[LiveRun] = []

    def __call__(self, server: ReplayServer, *args: str, answer: str = "") -> tuple[LiveRun, int, Path]:
        """The run, its DevTools port and its evidence folder."""
        port = free_port()
        out = self.root / f"live-{len(self.started)}"
        data = str(self.root / "data")
        env = cli_env(DISPLAY=self.display, AUTOMATOR_DEVTOOLS_PORT=str(port), AUTOMATOR_DATA_DIR=data)
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
        self.started.append(run)
        return run, port, out

    def stop_all(self) -> None:
        for run in self.started:
            if run.proc.poll() is None:
                run.proc.kill()
                run.proc.wait(timeout=10)
