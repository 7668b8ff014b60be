"""Request and Reply: what the replay's handler reads and answers, free of any transport."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
}
HTML = CONTENT_TYPES[".html"]
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Request:
    """One request: the method, the path, the headers, the raw body and the query string
    (never logged)."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    query: str = ""

    def header(self, name: str) -> str:
        """A header's value (names compared case-insensitively), or "" when absent."""
        wanted = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == wanted), "")

    def cookie(self, name: str) -> str | None:
        morsel = SimpleCookie(self.header("Cookie")).get(name)
        return morsel.value if morsel else None

    @property
    def is_form(self) -> bool:
        return FORM in self.header("Content-Type")


@dataclass(frozen=True)
class Reply:
    """One answer, and what the log says of it.

    `drop`: no answer at all, the connection is reset. `destructive`, `changes_account`,
    `operation` and `fault` go into the request log.
    """

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    destructive: bool = False
    changes_account: bool = False
    operation: str | None = None
    fault: str | None = None
    drop: bool = False

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    @property
    def is_html(self) -> bool:
        return self.header("Content-Type") == HTML

    def with_cookie(self, name: str, value: str) -> Reply:
        cookie = f"{name}={value}; Path=/; HttpOnly; SameSite=Lax"
        return replace(self, headers=(*self.headers, ("Set-Cookie", cookie)))

    def but(self, **changes: Any) -> Reply:
        """A copy with some fields changed."""
        return replace(self, **changes)


def json_reply(status: int, data: Any) -> Reply:
    return Reply(int(status), (("Content-Type", "application/json"),), json.dumps(data).encode())


def redirect(location: str, status: int = HTTPStatus.SEE_OTHER) -> Reply:
    return Reply(int(status), (("Location", location),))


def text(status: int, message: str) -> Reply:
    return Reply(int(status), (("Content-Type", "text/plain; charset=utf-8"),), message.encode())


def html_reply(status: int, page: str) -> Reply:
    return Reply(int(status), (("Content-Type", HTML),), page.encode())


def file_reply(path: Path, status: int = HTTPStatus.OK) -> Reply:
    content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
    return Reply(int(status), (("Content-Type", content_type),), path.read_bytes())
