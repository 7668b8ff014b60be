"""The account's ways in: `login`, `logout`, and `credentials set|status|delete`."""

from __future__ import annotations

from typing import Annotated

import typer

from automator.cli.console import ask, err
from automator.cli.options import AllowInsecure, BaseUrl, Headed, Timeout
from automator.cli.runtime import display, keystore
from automator.errors import ConfigError
from automator.settings import DEFAULT_BASE_URL, DEFAULT_TIMEOUT_S, normalise_base_url
from automator.status import USAGE_EXIT_CODE

NO_DISPLAY = (
    "`automator login` shows a browser window, and this machine has no display. Run it "
    "on a machine with a screen (the session file can then be copied), or set "
    "COURSERA_EMAIL and COURSERA_PASSWORD for `automator cancel`."
)


def login(
    base_url: BaseUrl = DEFAULT_BASE_URL,
    headed: Headed = None,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
) -> None:
    """Sign in yourself, in a browser window; the session is kept for later runs.

    For accounts the tool cannot sign into by itself: Google, Apple, Facebook or
    organisation sign-in, a CAPTCHA, a two-factor prompt. Sign in in the window, then press
    Enter here. The session (cookies, never a password) is saved with file mode 0600 in
    the user's data folder; `automator logout` deletes it.
    """
    from automator.login import run_login
    from automator.session import data_dir

    url = normalise_base_url(base_url)
    headless = headed is False  # a window by default: signing in is the person's job here
    if not headless and not display():
        raise ConfigError(NO_DISPLAY)

    def wait_for_person() -> None:
        err.print("Sign in to Coursera in the browser window (any way you like), then press Enter here.")
        ask("Press Enter when you see your Coursera home page: ")

    path = run_login(url, data_dir(), headless, wait_for_person, timeout * 1000)
    err.print(f"Signed in. The session is saved in {path}; later runs skip the sign-in.")


def logout(
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", metavar="URL", help="Forget only this site's session. Default: all."),
    ] = None,
) -> None:
    """Forget the saved browser session(s): the next run signs in again."""
    from automator.session import data_dir, delete_sessions

    url = normalise_base_url(base_url) if base_url else None
    deleted = delete_sessions(data_dir(), url)
    err.print(f"Deleted {len(deleted)} saved session(s)." if deleted else "No saved session to delete.")


def credentials_set(allow_insecure_keyring: AllowInsecure = False) -> None:
    """Store the Coursera email and password in the OS keyring (the password is asked twice, hidden)."""
    from automator.credentials import check_email

    store = keystore(allow_insecure_keyring)
    store.check()
    email = check_email(ask("Coursera email: ") or "")
    password = ask("Password (hidden): ", secret=True) or ""
    if not password:
        raise ConfigError("the password is empty; nothing was stored")
    if ask("Password again: ", secret=True) != password:
        raise ConfigError("the two passwords differ; nothing was stored")
    store.store(email, password)
    err.print(f"Stored the account {email} in the OS keyring ({store.info.name}).")


def credentials_status(allow_insecure_keyring: AllowInsecure = False) -> None:
    """Which keyring backend is in use and whether an account is stored (never the password)."""
    from automator.keystore import KeyringUnusable

    store = keystore(allow_insecure_keyring)
    typer.echo(f"Keyring backend: {store.info.name}")
    try:
        store.check()
        email = store.email()
        stored = bool(email) and store.has_password(email or "")
    except KeyringUnusable as exc:
        typer.echo(f"Usable: no. {exc}")  # an answer to the question asked, not an error
        raise typer.Exit(USAGE_EXIT_CODE) from None
    warning = " (insecure: allowed by --allow-insecure-keyring)" if store.info.insecure else ""
    typer.echo(f"Usable: yes{warning}")
    typer.echo(f"Account: {email if stored else 'none stored'}")


def credentials_delete(allow_insecure_keyring: AllowInsecure = False) -> None:
    """Delete the stored Coursera account from the OS keyring."""
    deleted = keystore(allow_insecure_keyring).delete()
    err.print("Deleted the stored account." if deleted else "No account was stored.")
