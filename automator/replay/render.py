"""Page rendering: a resolved response as a reply, the account put into pages, injected
snippets, the `--scramble` rewrite, and the static files."""

from __future__ import annotations

import html
import re
from http import HTTPStatus

from automator.recording import Recording, Response
from automator.replay.messages import (
    CONTENT_TYPES,
    Reply,
    Request,
    file_reply,
    html_reply,
    json_reply,
    redirect,
    text,
)
from automator.replay.state import ReplayState

_PLACEHOLDER = re.compile(r"\{\{\s*account\.(\w+)\s*\}\}")


def render(response: Response, state: ReplayState) -> Reply:
    """A resolved response's body: a redirect, JSON, a page, or an empty 204."""
    if response.redirect is not None:
        return redirect(response.redirect, response.status or HTTPStatus.SEE_OTHER)
    if response.json_body is not None:
        return json_reply(response.status or HTTPStatus.OK, response.json_body)
    if response.page is not None:
        found = state.recording.find_file("pages", response.page)
        if found is None:  # load_recording checks pages; a file deleted since is a 500
            return text(HTTPStatus.INTERNAL_SERVER_ERROR, f"page {response.page} is missing")
        page = fill_placeholders(found.read_text(encoding="utf-8"), state.recording)
        return html_reply(response.status or HTTPStatus.OK, decorate(page, response.page, state))
    return Reply(int(response.status or HTTPStatus.NO_CONTENT))


def decorate(page: str, name: str, state: ReplayState) -> str:
    """The recording's injected snippets at the end of the page, then the scramble, if any."""
    recording = state.recording
    snippets = "".join(
        found.read_text(encoding="utf-8")
        for found in (recording.find_file("static", item) for item in recording.inject)
        if found is not None
    )
    if snippets:
        page = page.replace("</body>", snippets + "</body>", 1) if "</body>" in page else page + snippets
    if state.scramble is not None:
        from automator.scramble import scramble_html

        page = scramble_html(page, state.scramble, name)
    return page


def static_or_404(request: Request, state: ReplayState) -> Reply:
    """A request no route answers: a file of `static/` for `GET /static/NAME`, else 404."""
    if request.method == "GET" and request.path.startswith("/static/"):
        found = state.recording.find_file("static", request.path.removeprefix("/static/"))
        if found is not None and found.suffix == ".css" and state.scramble is not None:
            from automator.scramble import scramble_css

            css = scramble_css(found.read_text(encoding="utf-8"), state.scramble)
            return Reply(int(HTTPStatus.OK), (("Content-Type", CONTENT_TYPES[".css"]),), css.encode())
        if found is not None:
            return file_reply(found)
    return text(HTTPStatus.NOT_FOUND, "Not found")


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
