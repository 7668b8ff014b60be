"""Faults: rules that make the replay fail on purpose, and what each kind does to a request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING

from automator.errors import RecordingError
from automator.replay.messages import Reply, html_reply, text

if TYPE_CHECKING:
    from automator.replay.state import ReplayState

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
    '<!doctype html><html lang="en"><title>Updates</title><main><h1>We\'re making some updates</h1>'
    "<p>Please come back in a few minutes.</p></main></html>"
)
_POPUP_OPENER = b'<script>window.open("/", "_blank")</script>'


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

    def take(self, method: str, path: str) -> bool:
        """Count a request; True when this fault hits it."""
        if self.method != method or self.path != path:
            return False
        self.seen += 1
        if self.seen >= self.start and (self.times == 0 or self.hits < self.times):
            self.hits += 1
            return True
        return False


def before(fault: Fault, state: ReplayState) -> Reply | None:
    """What a fault does before the site answers; a Reply when the site is not to answer at all.

    `slow` and `hang` wait on the state's clock (`state.pause`): a test sets a short delay, or
    stops the state, rather than sleeping.
    """
    if fault.kind == "expire":
        with state.lock:
            state.sessions.clear()
    elif fault.kind == "slow":
        state.pause(state.fault_delay_s)
    elif fault.kind in ("hang", "reset"):
        return Reply(0, fault=fault.kind, drop=True)
    elif fault.kind == "500":
        return text(HTTPStatus.INTERNAL_SERVER_ERROR, "Internal Server Error").but(fault=fault.kind)
    elif fault.kind == "detour":
        return html_reply(HTTPStatus.OK, DETOUR_PAGE).but(fault=fault.kind)
    return None


def after(fault: Fault, reply: Reply) -> Reply:
    """What a fault does to the site's answer: `popup` makes a page open a second tab."""
    if fault.kind == "popup" and reply.is_html:
        reply = reply.but(body=reply.body.replace(b"</body>", _POPUP_OPENER + b"</body>", 1))
    return reply.but(fault=fault.kind)
