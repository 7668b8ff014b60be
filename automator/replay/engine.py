"""`handle(request, state) -> Reply`: the replayed site, without sockets or threads.

A request goes through the faults, then the route table: GraphQL-style operations, the
sign-in a route needs, the route's cases against the state, its action, and the rendering.
Every answer is logged on the state, as the server sends it.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

from automator.recording import Response, Route, operation_name
from automator.replay import auth, faults, render
from automator.replay.messages import Reply, Request, json_reply
from automator.replay.state import ReplayState

_BODY_FIELDS = ("page", "redirect", "json_body")


def handle(request: Request, state: ReplayState) -> Reply:
    """Answer one request and log it. A `drop` reply means: reset the connection, send nothing.

    Only a `slow` or `hang` fault blocks, on `state.pause`, until its delay passes or the
    replay stops.
    """
    fault = state.take_fault(request.method, request.path)
    early = faults.before(fault, state) if fault is not None else None
    if early is not None:
        state.record_reply(request, early)
        if fault is not None and fault.kind == "hang":
            state.pause(None)
        return early
    with state.lock:
        reply = answer(request, state)
    if fault is not None:
        reply = faults.after(fault, reply)
    state.record_reply(request, reply)
    return reply


def answer(request: Request, state: ReplayState) -> Reply:
    """The site's answer from the route table, faults aside. The caller holds `state.lock`."""
    fields, data = parse_body(request)
    route = state.recording.routes.get(f"{request.method} {request.path}")
    if route is None:
        return render.static_or_404(request, state)
    if not route.operations:
        return _run(route, request, fields, data, state)
    operation = operation_name(data)
    chosen = route.operations.get(operation or "")
    if chosen is None:
        named = operation or "(no operation name)"
        reply = json_reply(HTTPStatus.BAD_REQUEST, {"errors": [{"message": f"Unknown operation {named}"}]})
    else:
        # The operation needs a session if either it or its endpoint does.
        chosen = chosen.model_copy(update={"auth": route.auth or chosen.auth})
        reply = _run(chosen, request, fields, data, state)
    return reply.but(operation=operation)


def _run(route: Route, request: Request, fields: dict[str, str], data: Any, state: ReplayState) -> Reply:
    signed_in = auth.is_signed_in(request, state)
    if route.auth and not signed_in:
        return auth.needs_sign_in(request)
    conditions = {
        **state.values,
        **request_values(fields, data, request.query),
        "signed_in": "true" if signed_in else "false",
    }
    response = resolve(route, conditions)
    acted = auth.run_action(route, request, fields, state)
    if acted is not None:
        return acted
    if response.set:
        state.values.update(response.set)
    reply = render.render(response, state).but(
        destructive=bool(response.destructive), changes_account=bool(response.changes_account)
    )
    if route.action == "grant_session":
        reply = auth.grant_session(reply, state)
    return reply


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


def parse_body(request: Request) -> tuple[dict[str, str], Any]:
    """The body as flat fields (a form or a JSON object), and as parsed JSON (or None)."""
    if not request.body:
        return {}, None
    if "json" in request.header("Content-Type"):
        try:
            data = json.loads(request.body)
        except json.JSONDecodeError:
            return {}, None
        fields = {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        return fields, data
    return {k: v[0] for k, v in parse_qs(request.body.decode("utf-8", "replace")).items()}, None


def request_values(fields: dict[str, str], data: Any, query: str = "") -> dict[str, str]:
    """What a case's `if` can test of the request: `request.NAME` for each body field and each
    top-level GraphQL variable (which subscription a cancel names, say), and `query.NAME` for
    each parameter of the query string (which snapshot of a page a recording shows)."""
    values = dict(fields)
    variables = data.get("variables") if isinstance(data, dict) else None
    if isinstance(variables, dict):
        values.update({str(k): str(v) for k, v in variables.items() if not isinstance(v, (dict, list))})
    found = {f"request.{name}": value for name, value in values.items()}
    parameters = parse_qs(query, keep_blank_values=True)
    found.update({f"query.{name}": value[0] for name, value in parameters.items()})
    return found
