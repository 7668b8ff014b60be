"""The replay's mutable state, shared by the server's threads: account state, sessions, the log."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from automator.recording import Recording
from automator.replay.faults import Fault
from automator.replay.messages import Reply, Request


class ReplayState:
    """Account state and live sessions, the faults still to hit, and the request log.

    The log is the ground truth the tests read: one JSON object per line with method, path,
    status and `destructive` (true on the request that actually cancels). It never holds a
    request body, a query string or a cookie, so no credential can reach it.
    """

    def __init__(
        self,
        recording: Recording,
        log_path: Path | None,
        faults: list[Fault] | None = None,
        fault_delay_s: float = 60.0,
        scramble: int | None = None,
    ) -> None:
        self.scramble = scramble  # the seed: every page rewritten, roles and names kept
        self.faults = list(faults or [])
        self.fault_delay_s = fault_delay_s
        self.stopping = threading.Event()
        self.recording = recording
        self.values = dict(recording.state)
        self.sessions: set[str] = set()
        self.pending_two_factor: set[str] = set()
        self.log: list[dict[str, Any]] = []
        self.log_path = log_path
        self.lock = threading.Lock()
        self.logged = threading.Condition(self.lock)  # notified on every log entry

    def take_fault(self, method: str, path: str) -> Fault | None:
        """The first fault that hits `METHOD path`, counting the request against each that matches."""
        with self.lock:
            return next((fault for fault in self.faults if fault.take(method, path)), None)

    def pause(self, seconds: float | None) -> None:
        """Wait, as a slow or hung site does, until seconds pass (None: forever) or the replay stops."""
        self.stopping.wait(seconds)

    def record(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.log.append(entry)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(entry) + "\n")
            self.logged.notify_all()

    def record_reply(self, request: Request, reply: Reply) -> None:
        """Log an answer (status 0: none was sent): never a body, a query or a cookie."""
        entry: dict[str, Any] = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": request.method,
            "path": request.path,
            "status": reply.status,
            "destructive": reply.destructive,
        }
        if request.header("Accept-Language"):  # the language the browser asked for
            entry["accept_language"] = request.header("Accept-Language")
        if reply.operation is not None:
            entry["operation"] = reply.operation
        if reply.changes_account:
            entry["changes_account"] = True
        if reply.fault is not None:
            entry["fault"] = reply.fault
        self.record(entry)

    def wait_for_request(self, method: str, path: str, timeout: float) -> bool:
        """Block until a `METHOD /path` request is in the log (True), or timeout seconds pass."""
        with self.logged:
            return self.logged.wait_for(
                lambda: any(e["method"] == method and e["path"] == path for e in self.log), timeout
            )
