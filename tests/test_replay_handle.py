"""`handle(request, state)` as tables of requests and replies, with no server and no socket."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from automator.errors import RecordingError
from automator.recording import load_recording
from automator.replay import Fault, ReplayState, Reply, Request, handle
from tests.support import BASE, DEMO_EMAIL, DEMO_PASSWORD, FIXTURES

INDEPENDENT = FIXTURES / "independent"
SUBSCRIPTION_ID = "cplus-monthly-7Hq2Lx"  # the one subscription of the independent recording
JSON = {"Content-Type": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(autouse=True)
def _no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever `handle` does, it does without the network."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("handle opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)


def _json(method: str, path: str, data: Any) -> Request:
    return Request(method, path, JSON, json.dumps(data).encode())


def _form(path: str, body: str, **headers: str) -> Request:
    return Request("POST", path, {**FORM, **headers}, body.encode())


def _gql(operation: str, **variables: str) -> Request:
    return _json("POST", "/graphql-gateway", {"operationName": operation, "variables": variables})


@dataclass(frozen=True)
class Row:
    """A request, the state it meets, and what must come of it."""

    request: Request
    status: int
    header: tuple[str, str] | None = None  # a header and a fragment of its value
    body: str | None = None  # a fragment of the body
    values: dict[str, str] = field(default_factory=dict)  # state values before the request
    after: dict[str, str] = field(default_factory=dict)  # state values after it
    signed_in: bool = False
    sessions: int | None = None  # live sessions after it
    logged: dict[str, Any] = field(default_factory=dict)  # in the request's log entry
    recording: Path = BASE
    faults: tuple[str, ...] = ()


def _run(row: Row) -> tuple[Reply, ReplayState]:
    state = ReplayState(load_recording(row.recording), None, [Fault.parse(f) for f in row.faults], 0.0)
    state.values.update(row.values)
    request = row.request
    if row.signed_in:
        state.sessions.add("token")
        cookie = f"{state.recording.session_cookie}=token"
        request = replace(request, headers={**request.headers, "Cookie": cookie})
    return handle(request, state), state


def _check(row: Row) -> None:
    reply, state = _run(row)
    assert reply.status == row.status
    if row.header is not None:
        name, fragment = row.header
        assert fragment in (reply.header(name) or "")
    if row.body is not None:
        assert row.body in reply.body.decode()
    assert {key: state.values.get(key) for key in row.after} == row.after
    if row.sessions is not None:
        assert len(state.sessions) == row.sessions
    entry = state.log[-1]
    assert (entry["method"], entry["path"], entry["status"]) == (
        row.request.method,
        row.request.path,
        row.status,
    )
    assert {key: entry.get(key) for key in row.logged} == row.logged


PAGES = {
    "home signed out": Row(Request("GET", "/"), 200, ("Content-Type", "text/html"), "header-login-button"),
    "home signed in": Row(Request("GET", "/"), 200, body="Welcome back, Dana", signed_in=True),
    "auth page signed out": Row(
        Request("GET", "/account-settings/subscriptions"),
        303,
        ("Location", "/login?redirectTo=/account-settings/subscriptions"),
    ),
    "login page signed in": Row(Request("GET", "/login"), 303, ("Location", "/"), signed_in=True),
    "page by state": Row(
        Request("GET", "/account-settings/subscriptions"),
        200,
        body='role="status"',
        values={"subscription": "cancelled"},
        signed_in=True,
    ),
    "static file": Row(Request("GET", "/static/site.css"), 200, ("Content-Type", "text/css")),
    "static outside its folder": Row(Request("GET", "/static/../recording.json"), 404, body="Not found"),
    "no route": Row(Request("GET", "/no-such-page"), 404, body="Not found"),
    "no route for the method": Row(Request("DELETE", "/"), 404),
    "cancel": Row(
        _json("POST", "/api/subscriptions/v1/cancel", {}),
        200,
        body='"ok": true',
        after={"subscription": "cancelled"},
        signed_in=True,
        logged={"destructive": True},
    ),
    "cancel again": Row(
        _json("POST", "/api/subscriptions/v1/cancel", {}),
        409,
        values={"subscription": "cancelled"},
        signed_in=True,
        logged={"destructive": False},
    ),
    "cancel signed out": Row(
        _json("POST", "/api/subscriptions/v1/cancel", {}),
        401,
        body="Not signed in",
        after={"subscription": "active"},
        logged={"destructive": False},
    ),
    "pause changes the account": Row(
        _json("POST", "/api/subscriptions/v1/pause", {}),
        200,
        after={"subscription": "paused"},
        signed_in=True,
        logged={"destructive": False, "changes_account": True},
    ),
    "form signed out goes back to its page": Row(
        _form("/api/cancellation-survey", "reason=x", Referer="http://h/account-settings/subscriptions?a=1"),
        303,
        ("Location", "/login?redirectTo=/account-settings/subscriptions"),
    ),
    "logout": Row(Request("GET", "/logout"), 303, ("Location", "/"), signed_in=True, sessions=0),
}


@pytest.mark.parametrize("row", PAGES.values(), ids=PAGES.keys())
def test_page_routes(row: Row) -> None:
    _check(row)


_CREDENTIALS = f"email={DEMO_EMAIL}&password={DEMO_PASSWORD}"
LOGIN = {
    "right, any case": Row(
        _json("POST", "/api/login/v3", {"email": DEMO_EMAIL.upper() + " ", "password": DEMO_PASSWORD}),
        200,
        ("Set-Cookie", "CAUTH="),
        '"redirectTo": "/"',
        sessions=1,
    ),
    "wrong password": Row(
        _json("POST", "/api/login/v3", {"email": DEMO_EMAIL, "password": "nope"}),
        401,
        body='"code": "wrong_password"',
        sessions=0,
    ),
    "unknown email": Row(
        _json("POST", "/api/login/v3", {"email": "x@example.com", "password": DEMO_PASSWORD}),
        401,
        body="We couldn't find an account",
        sessions=0,
    ),
    "not JSON": Row(Request("POST", "/api/login/v3", JSON, b"{nope"), 401, body="unknown_email"),
    "form": Row(
        _form("/api/login/v3", _CREDENTIALS + "&redirectTo=/account-settings"),
        303,
        ("Location", "/account-settings"),
        sessions=1,
    ),
    "form sets the cookie": Row(_form("/api/login/v3", _CREDENTIALS), 303, ("Set-Cookie", "CAUTH=")),
    "form never leaves the site": Row(
        _form("/api/login/v3", _CREDENTIALS + "&redirectTo=//elsewhere.example"), 303, ("Location", "/")
    ),
    "form, wrong password": Row(
        _form("/api/login/v3", f"email={DEMO_EMAIL}&password=nope"),
        401,
        ("Content-Type", "text/html"),
        '<div role="alert">Incorrect email or password</div>',
    ),
    "two-factor account": Row(
        _json("POST", "/api/login/v3", {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}),
        200,
        ("Set-Cookie", "CAUTH_2FA="),
        '"twoFactorRequired": true',
        sessions=0,
        recording=FIXTURES / "variants" / "two-factor",
    ),
    "social-only account": Row(
        _json("POST", "/api/login/v3", {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}),
        401,
        body="no_password_sign_in",
        recording=FIXTURES / "variants" / "social-only",
    ),
    "another recording's login route": Row(
        _json("POST", "/api/userAuthentication.v1", {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}),
        200,
        ("Set-Cookie", "CAUTH="),
        recording=INDEPENDENT,
    ),
}


@pytest.mark.parametrize("row", LOGIN.values(), ids=LOGIN.keys())
def test_the_login_api(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize(
    ("cookie", "code", "status", "fragment", "sessions", "pending"),
    [
        ("CAUTH_2FA=pending", "246810", 200, '"redirectTo": "/"', 1, 0),
        ("CAUTH_2FA=pending", " 246810 ", 200, '"redirectTo": "/"', 1, 0),
        ("CAUTH_2FA=pending", "111111", 401, "That code didn't work", 0, 1),  # may be retried
        ("CAUTH_2FA=other", "246810", 401, "no_pending_sign_in", 0, 1),
        ("", "246810", 401, "Your sign-in expired", 0, 1),
    ],
)
def test_the_two_factor_code(
    cookie: str, code: str, status: int, fragment: str, sessions: int, pending: int
) -> None:
    state = ReplayState(load_recording(FIXTURES / "variants" / "two-factor"), None)
    state.pending_two_factor.add("pending")
    request = Request(
        "POST", "/api/login/v3/two-factor", {**JSON, "Cookie": cookie}, b'{"code": "%s"}' % code.encode()
    )
    reply = handle(request, state)
    assert (reply.status, len(state.sessions), len(state.pending_two_factor)) == (status, sessions, pending)
    assert fragment in reply.body.decode()
    assert ("CAUTH=" in (reply.header("Set-Cookie") or "")) is (status == 200)


def _g(request: Request, status: int, **expected: Any) -> Row:
    """A row of the independent recording, whose GraphQL endpoint needs a session."""
    return Row(request, status, recording=INDEPENDENT, **{"signed_in": True, **expected})


GRAPHQL = {
    "a query": _g(
        _gql("UserHeaderQuery"), 200, body='"hasCourseraPlus": true', logged={"operation": "UserHeaderQuery"}
    ),
    "a query signed out": _g(_gql("UserHeaderQuery"), 401, body="Not signed in", signed_in=False),
    "named in the query text": _g(
        _json("POST", "/graphql-gateway", {"query": "query UserHeaderQuery { me { id } }"}),
        200,
        logged={"operation": "UserHeaderQuery"},
    ),
    "cancel, by the subscription it names": _g(
        _gql("CancelSubscription", subscriptionId=SUBSCRIPTION_ID),
        200,
        body='"status": "CANCELLED"',
        after={"subscription": "cancelled"},
        logged={"operation": "CancelSubscription", "destructive": True},
    ),
    "cancel of another subscription": _g(
        _gql("CancelSubscription", subscriptionId="other"),
        200,
        body="NOT_FOUND",
        after={"subscription": "active"},
        logged={"destructive": False},
    ),
    "cancel, already cancelled": _g(
        _gql("CancelSubscription", subscriptionId=SUBSCRIPTION_ID),
        200,
        body="ALREADY_CANCELLED",
        values={"subscription": "cancelled"},
        logged={"destructive": False},
    ),
    "an offer, accepted once": _g(
        _gql("AcceptRetentionOffer", subscriptionId=SUBSCRIPTION_ID),
        200,
        after={"offer": "accepted", "subscription": "active"},
        logged={"changes_account": True},
    ),
    "an offer no longer available": _g(
        _gql("AcceptRetentionOffer", subscriptionId=SUBSCRIPTION_ID),
        200,
        body="OFFER_NOT_ELIGIBLE",
        values={"offer": "accepted"},
        logged={"changes_account": None},
    ),
    "an unknown operation": _g(
        _gql("Nope"), 400, body="Unknown operation Nope", logged={"operation": "Nope"}
    ),
    "no operation": _g(_json("POST", "/graphql-gateway", {}), 400, body="(no operation name)"),
}


@pytest.mark.parametrize("row", GRAPHQL.values(), ids=GRAPHQL.keys())
def test_graphql_operations_by_name(row: Row) -> None:
    _check(row)


FAULTS = {
    "500 instead of the site": Row(
        _json("POST", "/api/subscriptions/v1/cancel", {}),
        500,
        body="Internal Server Error",
        after={"subscription": "active"},
        signed_in=True,
        logged={"fault": "500", "destructive": False},
        faults=("500:POST /api/subscriptions/v1/cancel",),
    ),
    "a detour": Row(
        Request("GET", "/"),
        200,
        body="making some updates",
        logged={"fault": "detour"},
        faults=("detour:GET /",),
    ),
    "expired sessions": Row(
        Request("GET", "/account-settings"),
        303,
        ("Location", "/login?redirectTo=/account-settings"),
        signed_in=True,
        sessions=0,
        logged={"fault": "expire"},
        faults=("expire:GET /account-settings",),
    ),
    "a pop-up": Row(
        Request("GET", "/"), 200, body='window.open("/", "_blank")</script></body>', faults=("popup:GET /",)
    ),
    "a pop-up only on pages": Row(
        Request("GET", "/logout"),
        303,
        signed_in=True,
        logged={"fault": "popup"},
        faults=("popup:GET /logout",),
    ),
    "slow, then the site": Row(
        Request("GET", "/"), 200, body="header-login-button", logged={"fault": "slow"}, faults=("slow:GET /",)
    ),
    "another path": Row(Request("GET", "/login"), 200, logged={"fault": None}, faults=("500:GET /",)),
    "another method": Row(Request("POST", "/"), 404, logged={"fault": None}, faults=("500:GET /",)),
}


@pytest.mark.parametrize("row", FAULTS.values(), ids=FAULTS.keys())
def test_faults(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("kind", ["reset", "hang"])
def test_a_fault_that_drops_the_connection_is_logged_without_an_answer(kind: str) -> None:
    state = ReplayState(
        load_recording(BASE), None, [Fault.parse(f"{kind}:POST /api/subscriptions/v1/cancel")]
    )
    state.stopping.set()  # a stopped replay: the hang ends at once
    reply = handle(_json("POST", "/api/subscriptions/v1/cancel", {}), state)
    assert reply.drop and reply.body == b""
    assert (state.log[-1]["status"], state.log[-1]["fault"]) == (0, kind)
    assert state.values["subscription"] == "active"


def test_a_fault_at_k_hits_only_the_kth_request() -> None:
    state = ReplayState(load_recording(BASE), None, [Fault.parse("500:GET /@2*2")])
    statuses = [handle(Request("GET", "/"), state).status for _ in range(5)]
    assert statuses == [200, 500, 500, 200, 200]


@pytest.mark.parametrize(
    ("manifest", "cookie"),
    [({}, "session="), ({"session_cookie": "sid"}, "sid=")],
)
def test_the_session_cookie_is_the_recordings(tmp_path: Path, manifest: dict[str, str], cookie: str) -> None:
    account = {"email": "a@example.org", "password": "pw"}
    routes = {"POST /login": {"action": "login"}}
    (tmp_path / "recording.json").write_text(
        json.dumps({"name": "r", "account": account, "routes": routes, **manifest})
    )
    state = ReplayState(load_recording(tmp_path), None)
    reply = handle(_json("POST", "/login", account), state)
    assert (reply.header("Set-Cookie") or "").startswith(cookie)


def test_a_session_cookie_name_must_be_a_cookie_name(tmp_path: Path) -> None:
    account = {"email": "a@example.org", "password": "pw"}
    (tmp_path / "recording.json").write_text(
        json.dumps({"name": "r", "account": account, "session_cookie": "a b"})
    )
    with pytest.raises(RecordingError, match="session_cookie"):
        load_recording(tmp_path)
