"""The replay server: serves a recording on 127.0.0.1, keeps the flow's state, logs every request.

The log is the ground truth the tests read: one JSON object per line with method, path,
status and `destructive` (true on the request that actually cancels). It never holds a
request body, a query string or a cookie, so no credential can reach it.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import secrets
import socket
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from automator.errors import RecordingError
from automator.recording import Recording, Response, Route, operation_name

SESSION_COOKIE = "CAUTH"
PENDING_COOKIE = "CAUTH_2FA"  # a password was right; the two-factor code is still due
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
}
_BODY_FIELDS = ("page", "redirect", "json_body")


def resolve(route: Route, state: dict[str, str]) -> Response:
    """The response for the current state: the route, overlaid by the first case that matches."""
    fields = {name: getattr(route, name) for name in Response.model_fields}
    for case in route.cases:
        if all(state.get(key) == value for key, value in case.when.items()):
            chosen = case.model_fields_set - {"when"}
            if chosen & set(_BODY_FIELDS):
                for name in _BODY_FIELDS:
                    fields[name] = None
            for name in chosen:
                fields[name] = getattr(case, name)
            break
    return Response.model_validate({("json" if k == "json_body" else k): v for k, v in fields.items()})


FAULT_KINDS = {
    "500": "answer HTTP 500",
    "reset": "drop the connection without an answer",
    "slow": "answer only after the fault delay (past the tool's timeout)",
    "hang": "never answer",
    "expire": "end every session first (the sign-in form comes back)",
    "detour": "answer with a page the flow has never seen",
    "popup": "answer normally, and the page opens a second tab",
}
DETOUR_PAGE = (
    '<!doctype html><html lang="en"><title>Coursera</title><main><h1>We\'re making some updates</h1>'
    "<p>Please come back in a few minutes.</p></main></html>"
)


@dataclass
class Fault:
    """`KIND:METHOD /path` hits the first matching request (`*N`: the first N, `*0`: all).

    `@K` lets the first K-1 matching requests through: `500:GET /@2` fails only the second
    load of the home page (the signed-in one, in the bundled flow).
    """

    kind: str
    method: str
    path: str
    times: int = 1
    start: int = 1
    hits: int = 0
    seen: int = 0

    @classmethod
    def parse(cls, rule: str) -> Fault:
        match = re.fullmatch(r"(\w+):([A-Z]+) (/\S*?)(?:@([1-9]\d*))?(?:\*(\d+))?", rule.strip())
        if not match or match.group(1) not in FAULT_KINDS:
            kinds = ", ".join(FAULT_KINDS)
            raise RecordingError(
                f"fault {rule!r} must look like 'KIND:METHOD /path[@K][*N]' with KIND one of {kinds}"
            )
        kind, method, path, start, times = match.groups()
        return cls(kind, method, path, int(times or 1), int(start or 1))


class ReplayState:
    """Mutable state shared by the server's threads: account state and live sessions."""

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
        with self.lock:
            for fault in self.faults:
                if fault.method != method or fault.path != path:
                    continue
                fault.seen += 1
                if fault.seen >= fault.start and (fault.times == 0 or fault.hits < fault.times):
                    fault.hits += 1
                    return fault
        return None

    def record(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.log.append(entry)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(entry) + "\n")
            self.logged.notify_all()

    def wait_for_request(self, method: str, path: str, timeout: float) -> bool:
        """Block until a `METHOD /path` request is in the log (True), or timeout seconds pass."""
        with self.logged:
            return self.logged.wait_for(
                lambda: any(e["method"] == method and e["path"] == path for e in self.log), timeout
            )


class _Handler(BaseHTTPRequestHandler):
    server_version = "automator-replay"
    sys_version = ""
    replay: ReplayState  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr log: the JSON log is the record."""

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def do_PUT(self) -> None:
        self._answer("PUT")

    def do_PATCH(self) -> None:
        self._answer("PATCH")

    def do_DELETE(self) -> None:
        self._answer("DELETE")

    # -- dispatch -------------------------------------------------------------------------
    def _answer(self, method: str) -> None:
        path = urlsplit(self.path).path
        body, data = self._read_body()
        destructive = False
        changes = False
        operation: str | None = None
        fault = self.replay.take_fault(method, path)
        if fault is not None:
            done = self._fault_before(fault, method, path)
            if done:
                return
        if fault is not None and fault.kind in ("500", "detour"):
            # The fault answers instead of the site: the route never runs, its state never changes.
            self._send(method, path, self._fault_reply(fault), fault=fault.kind)
            return
        with self.replay.lock:
            token = self._session_token()
            signed_in = token is not None and token in self.replay.sessions
            state = {
                **self.replay.values,
                **request_values(body, data),
                "signed_in": "true" if signed_in else "false",
            }
            route = self.replay.recording.routes.get(f"{method} {path}")
            graphql = route is not None and bool(route.operations)
            if route is not None and graphql:
                operation = operation_name(data)
                route = _operation(route, operation)
            if route is None:
                reply = _unknown(operation) if graphql else self._static_or_404(method, path)
            elif route.auth and not signed_in:
                reply = self._needs_sign_in(method, path)
            else:
                response = resolve(route, state)
                acted = self._run_action(route, body, token)
                if acted is not None:
                    reply = acted
                else:
                    if response.set:
                        self.replay.values.update(response.set)
                    destructive = bool(response.destructive)
                    changes = bool(response.changes_account)
                    reply = self._render(response)
                    if route.action == "grant_session":
                        reply = self._signed_in(reply)
        if (
            fault is not None
            and fault.kind == "popup"
            and reply[1][:1] == [("Content-Type", _CONTENT_TYPES[".html"])]
        ):
            opener = b'<script>window.open("/", "_blank")</script>'
            reply = (reply[0], reply[1], reply[2].replace(b"</body>", opener + b"</body>", 1))
        self._send(
            method,
            path,
            reply,
            destructive=destructive,
            changes=changes,
            fault=fault.kind if fault is not None else None,
            operation=operation,
        )

    @staticmethod
    def _fault_reply(fault: Fault) -> tuple[int, list[tuple[str, str]], bytes]:
        if fault.kind == "500":
            return _text(HTTPStatus.INTERNAL_SERVER_ERROR, "Internal Server Error")
        return (200, [("Content-Type", _CONTENT_TYPES[".html"])], DETOUR_PAGE.encode())

    def _send(
        self,
        method: str,
        path: str,
        reply: tuple[int, list[tuple[str, str]], bytes],
        *,
        destructive: bool = False,
        changes: bool = False,
        fault: str | None = None,
        operation: str | None = None,
    ) -> None:
        """Log the answer, then send it."""
        status, headers, payload = reply
        entry: dict[str, Any] = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": method,
            "path": path,
            "status": status,
            "destructive": destructive,
        }
        if operation is not None:
            entry["operation"] = operation
        if changes:
            entry["changes_account"] = True
        if fault is not None:
            entry["fault"] = fault
        self.replay.record(entry)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(payload)

    def _fault_before(self, fault: Fault, method: str, path: str) -> bool:
        """Faults that act before the answer; True when no answer is to be sent at all."""
        if fault.kind == "expire":
            with self.replay.lock:
                self.replay.sessions.clear()
        elif fault.kind == "slow":
            self.replay.stopping.wait(self.replay.fault_delay_s)  # a slow server, simulated
        elif fault.kind in ("hang", "reset"):
            self.replay.record(
                {
                    "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    "method": method,
                    "path": path,
                    "status": 0,
                    "destructive": False,
                    "fault": fault.kind,
                }
            )
            if fault.kind == "hang":
                self.replay.stopping.wait()
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()  # with linger 0: a reset, not a clean close
            return True
        return False

    def _read_body(self) -> tuple[dict[str, str], Any]:
        """The body as flat fields (a form or a JSON object), and as parsed JSON (or None)."""
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}, None
        if "json" in (self.headers.get("Content-Type") or ""):
            try:
                data = json.loads(raw)
            except json.JSONDecodeError:
                return {}, None
            fields = {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
            return fields, data
        return {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}, None

    def _session_token(self) -> str | None:
        cookie = SimpleCookie(self.headers.get("Cookie") or "")
        morsel = cookie.get(SESSION_COOKIE)
        return morsel.value if morsel else None

    # -- answers ---------------------------------------------------------------------------
    Reply = tuple[int, list[tuple[str, str]], bytes]

    def _run_action(self, route: Route, body: dict[str, str], token: str | None) -> Reply | None:
        """Sign-in actions answer themselves; grant_session and logout only change state."""
        if route.action == "login" and self._is_form_post():
            return self._form_login(body)
        if route.action == "login":
            return self._login(body)
        if route.action == "verify_two_factor":
            return self._verify_two_factor(body)
        if route.action == "logout" and token:
            self.replay.sessions.discard(token)
        return None

    def _error(self, key: str, default: str) -> Reply:
        message = self.replay.recording.account.errors.get(key, default)
        return _json(HTTPStatus.UNAUTHORIZED, {"message": message, "code": key})

    def _login(self, body: dict[str, str]) -> Reply:
        account = self.replay.recording.account
        email = body.get("email", "").strip().lower()
        if email != account.email.lower():
            return self._error("unknown_email", "Unknown email")
        if not account.password_sign_in:
            return self._error("no_password_sign_in", "This account signs in with another service")
        if body.get("password", "") != account.password:
            return self._error("wrong_password", "Incorrect email or password")
        if account.two_factor_code:
            pending = secrets.token_urlsafe(24)
            self.replay.pending_two_factor.add(pending)
            status, headers, payload = _json(
                HTTPStatus.OK, {"twoFactorRequired": True, "redirectTo": "/login/two-factor"}
            )
            return status, [*headers, ("Set-Cookie", _cookie(PENDING_COOKIE, pending))], payload
        return self._signed_in(_json(HTTPStatus.OK, {"redirectTo": "/"}))

    def _is_form_post(self) -> bool:
        return "application/x-www-form-urlencoded" in (self.headers.get("Content-Type") or "")

    def _form_login(self, body: dict[str, str]) -> Reply:
        """A sign-in form posted without a script (recorded pages): redirect, or the message in an alert."""
        status, headers, payload = self._login(body)
        if status == HTTPStatus.OK:
            target = body.get("redirectTo", "")
            location = target if target.startswith("/") and not target.startswith("//") else "/"
            cookies = [(name, value) for name, value in headers if name == "Set-Cookie"]
            return int(HTTPStatus.SEE_OTHER), [("Location", location), *cookies], b""
        message = html.escape(json.loads(payload).get("message", "Sign-in failed"))
        page = f'<!doctype html><html lang="en"><title>Log in</title><div role="alert">{message}</div></html>'
        return int(status), [("Content-Type", _CONTENT_TYPES[".html"])], page.encode()

    def _verify_two_factor(self, body: dict[str, str]) -> Reply:
        pending = SimpleCookie(self.headers.get("Cookie") or "").get(PENDING_COOKIE)
        if pending is None or pending.value not in self.replay.pending_two_factor:
            return self._error("no_pending_sign_in", "Your sign-in expired. Please log in again.")
        if body.get("code", "").strip() != self.replay.recording.account.two_factor_code:
            return self._error("wrong_code", "Invalid code")
        self.replay.pending_two_factor.discard(pending.value)
        return self._signed_in(_json(HTTPStatus.OK, {"redirectTo": "/"}))

    def _signed_in(self, reply: Reply) -> Reply:
        """The reply, plus a new session cookie."""
        token = secrets.token_urlsafe(24)
        self.replay.sessions.add(token)
        status, headers, payload = reply
        return status, [*headers, ("Set-Cookie", _cookie(SESSION_COOKIE, token))], payload

    def _needs_sign_in(self, method: str, path: str) -> Reply:
        if method == "GET":
            return _redirect(f"/login?redirectTo={quote(path)}")
        if self._is_form_post():  # a form sent from a page: back to that page after signing in
            back = urlsplit(self.headers.get("Referer") or "/").path or "/"
            return _redirect(f"/login?redirectTo={quote(back)}")
        return _json(HTTPStatus.UNAUTHORIZED, {"message": "Not signed in"})

    def _render(self, response: Response) -> Reply:
        if response.redirect is not None:
            return _redirect(response.redirect, response.status or HTTPStatus.SEE_OTHER)
        if response.json_body is not None:
            return _json(response.status or HTTPStatus.OK, response.json_body)
        if response.page is not None:
            found = self.replay.recording.find_file("pages", response.page)
            if found is None:  # load_recording checks pages; a file deleted since is a 500
                return _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"page {response.page} is missing")
            page = fill_placeholders(found.read_text(encoding="utf-8"), self.replay.recording)
            page = self._decorate(page, response.page)
            return (
                int(response.status or HTTPStatus.OK),
                [("Content-Type", _CONTENT_TYPES[".html"])],
                page.encode(),
            )
        return (response.status or HTTPStatus.NO_CONTENT), [], b""

    def _decorate(self, page: str, name: str) -> str:
        """The recording's injected snippets at the end of the page, then the scramble, if any."""
        recording = self.replay.recording
        snippets = "".join(
            found.read_text(encoding="utf-8")
            for found in (recording.find_file("static", item) for item in recording.inject)
            if found is not None
        )
        if snippets:
            page = page.replace("</body>", snippets + "</body>", 1) if "</body>" in page else page + snippets
        if self.replay.scramble is not None:
            from automator.scramble import scramble_html

            page = scramble_html(page, self.replay.scramble, name)
        return page

    def _static_or_404(self, method: str, path: str) -> Reply:
        if method == "GET" and path.startswith("/static/"):
            found = self.replay.recording.find_file("static", path.removeprefix("/static/"))
            if found is not None and found.suffix == ".css" and self.replay.scramble is not None:
                from automator.scramble import scramble_css

                css = scramble_css(found.read_text(encoding="utf-8"), self.replay.scramble)
                return int(HTTPStatus.OK), [("Content-Type", _CONTENT_TYPES[".css"])], css.encode()
            if found is not None:
                return _file(found, HTTPStatus.OK)
        return _text(HTTPStatus.NOT_FOUND, "Not found")


def request_values(fields: dict[str, str], data: Any) -> dict[str, str]:
    """What a case's `if` can test of the request: `request.NAME` for each body field and each
    top-level GraphQL variable (which subscription a cancel names, say)."""
    values = dict(fields)
    variables = data.get("variables") if isinstance(data, dict) else None
    if isinstance(variables, dict):
        values.update({str(k): str(v) for k, v in variables.items() if not isinstance(v, (dict, list))})
    return {f"request.{name}": value for name, value in values.items()}


def _operation(route: Route, name: str | None) -> Route | None:
    """The operation of a GraphQL-style route that the body names; it needs a session if either does."""
    chosen = route.operations.get(name or "")
    return None if chosen is None else chosen.model_copy(update={"auth": route.auth or chosen.auth})


def _unknown(operation: str | None) -> _Handler.Reply:
    named = operation or "(no operation name)"
    return _json(HTTPStatus.BAD_REQUEST, {"errors": [{"message": f"Unknown operation {named}"}]})


_PLACEHOLDER = re.compile(r"\{\{\s*account\.(\w+)\s*\}\}")


def fill_placeholders(page: str, recording: Recording) -> str:
    """Put the recording's account into a page: recordings hold `{{account.email}}`, never a person's data."""
    account = recording.account
    names = account.full_name.split()
    values = {
        "email": account.email,
        "full_name": account.full_name,
        "first_name": names[0] if names else "",
        "initials": "".join(n[0] for n in names[:2]).upper(),
    }
    return _PLACEHOLDER.sub(lambda m: html.escape(values.get(m.group(1), m.group(0))), page)


def _cookie(name: str, value: str) -> str:
    return f"{name}={value}; Path=/; HttpOnly; SameSite=Lax"


def _json(status: int, data: Any) -> _Handler.Reply:
    return int(status), [("Content-Type", "application/json")], json.dumps(data).encode()


def _redirect(location: str, status: int = HTTPStatus.SEE_OTHER) -> _Handler.Reply:
    return int(status), [("Location", location)], b""


def _text(status: int, text: str) -> _Handler.Reply:
    return int(status), [("Content-Type", "text/plain; charset=utf-8")], text.encode()


def _file(path: Path, status: int) -> _Handler.Reply:
    content_type = _CONTENT_TYPES.get(path.suffix, "application/octet-stream")
    return int(status), [("Content-Type", content_type)], path.read_bytes()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that hung up before a (slow) answer is normal here, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class ReplayServer:
    """A running replay: `url`, `state.log` (the answered requests) and `stop()`."""

    def __init__(
        self,
        recording: Recording,
        port: int = 0,
        log_path: Path | None = None,
        faults: list[Fault] | None = None,
        fault_delay_s: float = 60.0,
        scramble: int | None = None,
    ) -> None:
        self.state = ReplayState(recording, log_path, faults, fault_delay_s, scramble)
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
    server = ReplayServer(recording, port, log_path).start()
    try:
        yield server
    finally:
        server.stop()
