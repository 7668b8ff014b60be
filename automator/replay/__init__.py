"""The replay server: serves a recording on 127.0.0.1, keeps the flow's state, logs every request.

- `engine.handle(request, state) -> Reply`: the site itself, callable without a socket;
- `server`: the `http.server` side that only turns HTTP into Requests and Replies;
- `faults`, `auth` (sign-in, two-factor, sessions) and `render` (pages, static files);
- `state`: the shared state and the request log; `messages`: Request and Reply.
"""

from __future__ import annotations

from automator.recording import DEFAULT_SESSION_COOKIE
from automator.replay.engine import handle, request_values, resolve
from automator.replay.faults import DETOUR_PAGE, FAULT_KINDS, Fault
from automator.replay.messages import Reply, Request
from automator.replay.render import fill_placeholders
from automator.replay.server import ReplayServer, serving
from automator.replay.state import ReplayState

# The session cookie of a recording that names none; a recording's own is `session_cookie`.
SESSION_COOKIE = DEFAULT_SESSION_COOKIE

__all__ = [
    "DETOUR_PAGE",
    "FAULT_KINDS",
    "SESSION_COOKIE",
    "Fault",
    "ReplayServer",
    "ReplayState",
    "Reply",
    "Request",
    "fill_placeholders",
    "handle",
    "request_values",
    "resolve",
    "serving",
]
