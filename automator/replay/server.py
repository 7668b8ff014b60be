"""The HTTP side of the replay: `http.server` turned into Requests and Replies, on 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from automator.recording import Recording
from automator.replay.engine import handle
from automator.replay.messages import Reply, Request
from automator.replay.state import ReplayState


class _Handler(BaseHTTPRequestHandler):
    """Reads a Request, lets `handle` answer it, writes the Reply (or resets the connection)."""

    server_version = "automator-replay"
    sys_version = ""
    replay: ReplayState  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr log: the JSON log is the record."""

    def _exchange(self) -> None:
        reply = handle(self._request(), self.replay)
        if reply.drop:
            self._reset()
        else:
            self._write(reply)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _exchange

    def _request(self) -> Request:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            headers.setdefault(name, value)  # a repeated header: the first one counts
        url = urlsplit(self.path)
        return Request(self.command, url.path, headers, body, url.query)

    def _write(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(reply.body)

    def _reset(self) -> None:
        """Drop the connection with linger 0: a reset, not a clean close."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that hung up before a (slow) answer is normal here, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class ReplayServer:
    """A running replay of `state` (its recording, faults and request log) on 127.0.0.1:`port`
    (0: any free port): `url`, `state.log` (the answered requests) and `stop()`."""

    def __init__(self, state: ReplayState, port: int = 0) -> None:
        self.state = state
        handler = type("BoundHandler", (_Handler,), {"replay": self.state})
        self._server = _QuietServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> ReplayServer:
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        self._server.serve_forever(poll_interval=0.05)

    def stop(self) -> None:
        self.state.stopping.set()  # lets hanging and slow answers go
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def serving(recording: Recording, port: int = 0, log_path: Path | None = None) -> Iterator[ReplayServer]:
    """Run a replay server in a background thread for the duration of the block."""
    server = ReplayServer(ReplayState(recording, log_path), port).start()
    try:
        yield server
    finally:
        server.stop()
