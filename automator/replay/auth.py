"""The sign-in the replay emulates: the login API and form, two-factor codes, sessions, logout.

The session cookie is named by the recording (`session_cookie`); the pending two-factor
cookie, set when a password was right and the code is still due, adds `_2FA` to that name.
"""

from __future__ import annotations

import html
import json
import secrets
from http import HTTPStatus
from urllib.parse import quote, urlsplit

from automator.recording import Route
from automator.replay.messages import Reply, Request, html_reply, json_reply, redirect
from automator.replay.state import ReplayState


def session_cookie(state: ReplayState) -> str:
    return state.recording.session_cookie


def pending_cookie(state: ReplayState) -> str:
    return f"{state.recording.session_cookie}_2FA"


def session_token(request: Request, state: ReplayState) -> str | None:
    """The session the request's cookie names, signed in or not."""
    return request.cookie(session_cookie(state))


def is_signed_in(request: Request, state: ReplayState) -> bool:
    token = session_token(request, state)
    return token is not None and token in state.sessions


def run_action(route: Route, request: Request, fields: dict[str, str], state: ReplayState) -> Reply | None:
    """Sign-in actions answer themselves; grant_session and logout only change state (None)."""
    if route.action == "login" and request.is_form:
        return form_login(fields, state)
    if route.action == "login":
        return login(fields, state)
    if route.action == "verify_two_factor":
        return verify_two_factor(request, fields, state)
    token = session_token(request, state)
    if route.action == "logout" and token:
        state.sessions.discard(token)
    return None


def login(fields: dict[str, str], state: ReplayState) -> Reply:
    """The login API: the recording's one account, by email and password."""
    account = state.recording.account
    email = fields.get("email", "").strip().lower()
    if email != account.email.lower():
        return _error(state, "unknown_email", "Unknown email")
    if not account.password_sign_in:
        return _error(state, "no_password_sign_in", "This account signs in with another service")
    if fields.get("password", "") != account.password:
        return _error(state, "wrong_password", "Incorrect email or password")
    if account.two_factor_code:
        pending = secrets.token_urlsafe(24)
        state.pending_two_factor.add(pending)
        answer = json_reply(HTTPStatus.OK, {"twoFactorRequired": True, "redirectTo": "/login/two-factor"})
        return answer.with_cookie(pending_cookie(state), pending)
    return grant_session(json_reply(HTTPStatus.OK, {"redirectTo": "/"}), state)


def form_login(fields: dict[str, str], state: ReplayState) -> Reply:
    """A sign-in form posted without a script (recorded pages): redirect, or the message in an alert."""
    answer = login(fields, state)
    if answer.status == HTTPStatus.OK:
        target = fields.get("redirectTo", "")
        location = target if target.startswith("/") and not target.startswith("//") else "/"
        cookies = tuple(header for header in answer.headers if header[0] == "Set-Cookie")
        return Reply(int(HTTPStatus.SEE_OTHER), (("Location", location), *cookies))
    message = html.escape(json.loads(answer.body).get("message", "Sign-in failed"))
    page = f'<!doctype html><html lang="en"><title>Log in</title><div role="alert">{message}</div></html>'
    return html_reply(answer.status, page)


def verify_two_factor(request: Request, fields: dict[str, str], state: ReplayState) -> Reply:
    pending = request.cookie(pending_cookie(state))
    if pending is None or pending not in state.pending_two_factor:
        return _error(state, "no_pending_sign_in", "Your sign-in expired. Please log in again.")
    if fields.get("code", "").strip() != state.recording.account.two_factor_code:
        return _error(state, "wrong_code", "Invalid code")
    state.pending_two_factor.discard(pending)
    return grant_session(json_reply(HTTPStatus.OK, {"redirectTo": "/"}), state)


def grant_session(reply: Reply, state: ReplayState) -> Reply:
    """The reply, plus a new session cookie."""
    token = secrets.token_urlsafe(24)
    state.sessions.add(token)
    return reply.with_cookie(session_cookie(state), token)


def needs_sign_in(request: Request) -> Reply:
    """The answer to a request for a route that needs a session, without one."""
    if request.method == "GET":
        return redirect(f"/login?redirectTo={quote(request.path)}")
    if request.is_form:  # a form sent from a page: back to that page after signing in
        back = urlsplit(request.header("Referer") or "/").path or "/"
        return redirect(f"/login?redirectTo={quote(back)}")
    return json_reply(HTTPStatus.UNAUTHORIZED, {"message": "Not signed in"})


def _error(state: ReplayState, key: str, default: str) -> Reply:
    message = state.recording.account.errors.get(key, default)
    return json_reply(HTTPStatus.UNAUTHORIZED, {"message": message, "code": key})
