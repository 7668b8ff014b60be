"""Recordings: a site's pages plus the route table the replay server needs (format: docs/recordings.md)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from automator.errors import RecordingError

MANIFEST = "recording.json"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# login: check email + password; verify_two_factor: check the code after a password sign-in;
# grant_session: sign the browser in without a form (a social or organisation sign-in that the
# person completed in the browser); logout: end the session.
ACTIONS = ("login", "verify_two_factor", "grant_session", "logout")
# The cookie that holds a signed-in session when a recording names none (`session_cookie`).
DEFAULT_SESSION_COOKIE = "session"
_COOKIE_NAME = r"^[A-Za-z0-9_.-]+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Response(_Strict):
    """What a route answers. Exactly one of page, redirect or json (or none: an empty 204)."""

    page: str | None = None
    redirect: str | None = None
    json_body: Any = Field(default=None, alias="json")
    status: int | None = None
    set: dict[str, str] | None = None
    destructive: bool | None = None
    changes_account: bool | None = None

    @model_validator(mode="after")
    def _one_body(self) -> Response:
        bodies = [name for name in ("page", "redirect", "json_body") if getattr(self, name) is not None]
        if len(bodies) > 1:
            named = " and ".join("json" if b == "json_body" else b for b in bodies)
            raise ValueError(f"a response has one body, not {named}")
        return self


class Case(Response):
    """A variation of a route that applies when every state value in `if` matches."""

    when: dict[str, str] = Field(alias="if")


class Route(Response):
    """One `METHOD /path` of the site."""

    auth: bool = False
    action: str | None = None
    cases: list[Case] = []
    # A GraphQL-style endpoint: one path, the answer chosen by the body's operation name.
    operations: dict[str, Route] = {}

    @field_validator("action")
    @classmethod
    def _known_action(cls, value: str | None) -> str | None:
        if value not in (None, *ACTIONS):
            raise ValueError(f"action must be one of {', '.join(ACTIONS)}")
        return value


Route.model_rebuild()


def operation_name(body: Any) -> str | None:
    """The GraphQL operation a request body names: `operationName`, else the name after
    `query`/`mutation` in its `query` text."""
    if not isinstance(body, dict):
        return None
    name = body.get("operationName")
    if isinstance(name, str) and name:
        return name
    query = body.get("query")
    if isinstance(query, str):
        found = re.search(r"\b(?:query|mutation|subscription)\s+([_A-Za-z]\w*)", query)
        if found:
            return found.group(1)
    return None


class Account(_Strict):
    """The one account the replay accepts."""

    email: str
    password: str
    full_name: str = ""
    # Set: a correct password leads to a two-factor code screen, and this code completes it.
    two_factor_code: str | None = None
    # False: the account has no password sign-in (Google, Apple, Facebook or organisation only).
    password_sign_in: bool = True
    # Messages: unknown_email, wrong_password, wrong_code, no_password_sign_in.
    errors: dict[str, str] = {}


class Manifest(_Strict):
    """recording.json as written; a variant names its base in `extends`."""

    name: str
    description: str = ""
    extends: str | None = None
    account: dict[str, Any] | None = None
    state: dict[str, str] = {}
    # The screens a dry run meets, in order: what `automator check` compares against.
    flow: list[str] | None = None
    # Files from static/ whose HTML is put at the end of every page served (a cookie banner).
    inject: list[str] | None = None
    # The name of the site's session cookie (the pending two-factor one adds `_2FA`).
    session_cookie: str | None = Field(default=None, pattern=_COOKIE_NAME)
    routes: dict[str, Route | None] = {}

    @field_validator("routes")
    @classmethod
    def _route_keys(cls, routes: dict[str, Route | None]) -> dict[str, Route | None]:
        for key in routes:
            method, _, path = key.partition(" ")
            if method not in METHODS or not path.startswith("/"):
                raise ValueError(f"route key {key!r} must look like 'GET /path'")
        return routes


class Recording(BaseModel):
    """A recording with its bases merged: what the replay server serves."""

    model_config = ConfigDict(frozen=True)

    name: str
    description: str
    directories: tuple[Path, ...]  # the variant first, then its bases
    account: Account
    state: dict[str, str]
    routes: dict[str, Route]
    flow: list[str] = []
    inject: list[str] = []
    session_cookie: str = DEFAULT_SESSION_COOKIE

    def find_file(self, folder: str, name: str) -> Path | None:
        """The first `folder/name` found in the variant, then its bases; None outside them."""
        for directory in self.directories:
            root = (directory / folder).resolve()
            candidate = (root / name).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        return None


def _read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    if not path.is_file():
        raise RecordingError(f"{directory} is not a recording: it has no {MANIFEST}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordingError(f"{path}: cannot be read as JSON: {exc}") from exc
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        raise RecordingError(f"{path}: {_problems(exc)}") from exc


def _problems(exc: ValidationError, prefix: str = "") -> str:
    """Pydantic's errors as `routes.GET /.pag: Extra inputs are not permitted; ...`."""
    return "; ".join(
        ".".join(str(p) for p in ((prefix,) if prefix else ()) + tuple(err["loc"])) + f": {err['msg']}"
        for err in exc.errors()
    )


def load_recording(directory: str | Path, _seen: tuple[Path, ...] = ()) -> Recording:
    """Load a recording directory, merging the chain of `extends` bases beneath it."""
    directory = Path(directory).resolve()
    if directory in _seen:
        raise RecordingError(f"{directory}: 'extends' loops back to itself")
    manifest = _read_manifest(directory)
    base = None
    if manifest.extends is not None:
        base = load_recording(directory / manifest.extends, (*_seen, directory))
    recording = Recording(
        name=manifest.name,
        description=manifest.description or (base.description if base else ""),
        directories=(directory, *(base.directories if base else ())),
        account=_merged_account(directory, manifest, base),
        state={**(base.state if base else {}), **manifest.state},
        routes=_merged_routes(manifest, base),
        flow=manifest.flow if manifest.flow is not None else list(base.flow if base else []),
        inject=manifest.inject if manifest.inject is not None else list(base.inject if base else []),
        session_cookie=manifest.session_cookie or (base.session_cookie if base else DEFAULT_SESSION_COOKIE),
    )
    _check_pages(recording)
    return recording


def _merged_account(directory: Path, manifest: Manifest, base: Recording | None) -> Account:
    account: dict[str, Any] = base.account.model_dump() if base else {}
    for key, value in (manifest.account or {}).items():
        # `errors` merges message by message, so a variant can change just one.
        account[key] = {**account.get(key, {}), **value} if key == "errors" else value
    try:
        return Account.model_validate(account)
    except ValidationError as exc:
        raise RecordingError(f"{directory / MANIFEST}: {_problems(exc, 'account')}") from exc


def _merged_routes(manifest: Manifest, base: Recording | None) -> dict[str, Route]:
    """The base's routes, with the manifest's added or replaced; a route set to null is removed."""
    routes = dict(base.routes) if base else {}
    for key, route in manifest.routes.items():
        if route is None:
            routes.pop(key, None)
        else:
            routes[key] = route
    return routes


def _check_pages(recording: Recording) -> None:
    for name in recording.inject:
        if recording.find_file("static", name) is None:
            raise RecordingError(
                f"{recording.directories[0] / MANIFEST}: inject names {name!r}, which is in no "
                "static/ folder of the recording"
            )
    for key, route in recording.routes.items():
        responses = [route, *route.cases]
        for operation in route.operations.values():
            responses += [operation, *operation.cases]
        for response in responses:
            if response.page and recording.find_file("pages", response.page) is None:
                raise RecordingError(
                    f"{recording.directories[0] / MANIFEST}: route {key!r} names page "
                    f"{response.page!r}, which is in no pages/ folder of the recording"
                )


# The recordings that come with the tool, by the path a site names (automator.sites.base.Site):
# package data. In the source tree automator/_bundled is a link to the project's fixtures/, so an
# editable install reads the fixtures themselves; a wheel holds a copy of the bundled ones
# (pyproject.toml's package-data lists them).
BUNDLED = Path(str(resources.files("automator") / "_bundled"))


def bundled_recording(name: str | None) -> Recording | None:
    """The bundled recording `name` (a folder under BUNDLED), or None if there is none here."""
    if not name or not (BUNDLED / name / MANIFEST).is_file():
        return None
    return load_recording(BUNDLED / name)
