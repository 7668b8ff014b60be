"""`automator session export|import`: a saved browser session as one line, and back.

For a scheduled check on a CI runner, where a password sign-in from a data-centre address is
what CAPTCHAs are for: sign in once on your own machine (`automator login`), export the session
into a repository secret (`automator session export | gh secret set AUTOMATOR_SESSION`), and let
the workflow import it. The line holds the site's cookies only: never a password, never the
page storage the browser also keeps.
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
from typing import Annotated, Any

import typer

from automator.cli.console import err
from automator.cli.options import BaseUrl
from automator.errors import ConfigError
from automator.settings import DEFAULT_BASE_URL, normalise_base_url

PREFIX = "automator-session-v1:"


def session_export(base_url: BaseUrl = DEFAULT_BASE_URL) -> None:
    """Print the saved session of --base-url as one line (its cookies only), for a CI secret.

    Examples:

    \b
      automator session export | gh secret set AUTOMATOR_SESSION
      automator session export --base-url http://127.0.0.1:8000 > session.txt
    """
    from automator.session import data_dir, load_session, session_file

    url = normalise_base_url(base_url)
    path = session_file(data_dir(), url)
    saved, problem = load_session(path)
    if saved is None:
        raise ConfigError(
            f"no saved session for {url} ({problem or 'none was saved'}): run `automator login` first"
        )
    cookies = {"cookies": saved.get("cookies", []), "origins": []}
    line = base64.urlsafe_b64encode(json.dumps(cookies, separators=(",", ":")).encode()).decode()
    typer.echo(PREFIX + line)
    err.print(f"Exported {len(cookies['cookies'])} cookies of {url}. Keep the line secret: it signs in.")


def session_import(
    base_url: BaseUrl = DEFAULT_BASE_URL,
    line: Annotated[
        str | None,
        typer.Option("--line", hidden=True, help="The exported line (default: read from standard input)."),
    ] = None,
) -> None:
    """Save a session exported by `automator session export` (read from standard input).

    Examples:

    \b
      automator session import < session.txt
      printenv AUTOMATOR_SESSION | automator session import
    """
    from automator.session import data_dir, save_session, session_file

    url = normalise_base_url(base_url)
    state = decode(line if line is not None else sys.stdin.read())
    path = session_file(data_dir(), url)
    save_session(path, state)
    err.print(f"Imported {len(state['cookies'])} cookies for {url} into {path}.")


def decode(text: str) -> dict[str, Any]:
    """The storage state in an exported line; anything else is bad usage."""
    text = text.strip()
    if not text.startswith(PREFIX):
        raise ConfigError("that is not a line from `automator session export`")
    try:
        state = json.loads(base64.urlsafe_b64decode(text[len(PREFIX) :].encode()))
    except (binascii.Error, ValueError) as exc:
        raise ConfigError("the exported session line is damaged; export it again") from exc
    if not isinstance(state, dict) or not isinstance(state.get("cookies"), list):
        raise ConfigError("the exported session line holds no cookies; export it again")
    return {"cookies": state["cookies"], "origins": []}
