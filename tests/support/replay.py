"""Replay servers for a test: a recording served on a free port, its request log read back."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from automator.recording import load_recording
from automator.replay import Fault, ReplayServer, ReplayState
from automator.session import save_session, session_file
from tests.support.paths import BASE, FIXTURES


class Replay(ReplayServer):
    """A replay server, with what the tests ask of its log and its sessions."""

    def start(self) -> Replay:
        super().start()
        return self

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

    def signed_in_cookie(self) -> dict[str, Any]:
        """A session cookie this server accepts as signed in, for a browser context's add_cookies."""
        token = secrets.token_urlsafe(16)
        self.state.sessions.add(token)
        name = self.state.recording.session_cookie  # the recording names its cookie
        return {"name": name, "value": token, "domain": "127.0.0.1", "path": "/", "expires": -1}

    def save_signed_in_session(self, data_dir: Path) -> None:
        """A session saved in `data_dir` as an earlier run would have left it: the next run
        starts signed in, as a repeat run does. For tests whose subject comes after the sign-in
        (the sign-in has tests of its own): three screens fewer to walk."""
        cookies = [self.signed_in_cookie()]
        save_session(session_file(data_dir, self.url), {"cookies": cookies, "origins": []})


class Replays:
    """Starts replays for one test, each with its log in `log_dir`; `stop_all` ends them."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.servers: list[Replay] = []

    def __call__(
        self,
        recording: str | Path = BASE,
        faults: Sequence[str] = (),
        fault_delay_s: float = 60.0,
        scramble: int | None = None,
    ) -> Replay:
        """Serve a recording (the base by default; a relative path is under fixtures/)."""
        path = Path(recording)
        if not path.is_absolute():
            path = FIXTURES / path
        parsed = [Fault.parse(rule) for rule in faults]
        log = self.log_dir / f"replay-{len(self.servers)}.jsonl"
        server = Replay(ReplayState(load_recording(path), log, parsed, fault_delay_s, scramble))
        self.servers.append(server)
        return server.start()

    def stop_all(self) -> None:
        for server in self.servers:
            server.stop()
