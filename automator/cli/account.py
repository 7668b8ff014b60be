"""The account's ways in: `login`, `logout`, and `credentials set|status|delete`."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from automator.cli.console import ask, err
from automator.cli.options import AllowInsecure, BaseUrl, Headed, SiteName, Timeout
from automator.cli.runtime import display, keystore
from automator.errors import ConfigError
from automator.settings import DEFAULT_BASE_URL, DEFAULT_TIMEOUT_S, normalise_base_url
from automator.sites import DEFAULT_SITE, site_named
from automator.status import USAGE_EXIT_CODE

NO_DISPLAY = (
    "`automator login` shows a browser window, and this machine has no display. Run it "
    "on a machine with a screen (the session file can then be copied), or set "
    "{email_env} and {password_env} for `automator cancel`."
)


def login(
    base_url: BaseUrl = DEFAULT_BASE_URL,
    headed: Headed = None,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    site: SiteName = DEFAULT_SITE,
) -> None:
    """Sign in yourself, in a browser window; the session is kept for later runs.

    For accounts the tool cannot sign into by itself: Google, Apple, Facebook or
    organisation sign-in, a CAPTCHA, a two-factor prompt. Sign in in the window, then press
    Enter here. The session (cookies, never a password) is saved with file mode 0600 in
    the user's data folder; `automator logout` deletes it.

    Examples:

    \b
      automator login
      automator login --base-url http://127.0.0.1:8000   # a replay server's sign-in
    """
    from automator.login import LoginSettings, run_login
    from automator.session import data_dir

    account = site_named(site).account
    url = normalise_base_url(base_url)
    headless = headed is False  # a window by default: signing in is the person's job here
    if not headless and not display():
        raise ConfigError(NO_DISPLAY.format(email_env=account.email_env, password_env=account.password_env))

    def wait_for_person() -> None:
        err.print(f"Sign in to {account.title} in the browser window (any way you like), then press Enter.")
        ask(f"Press Enter when you see your {account.title} home page: ")

    settings = LoginSettings(url, data_dir(), headless, timeout * 1000, site)
    path = run_login(settings, wait_for_person)
    err.print(f"Signed in. The session is saved in {path}; later runs skip the sign-in.")


def logout(
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", metavar="URL", help="Forget only this site's session. Default: all."),
    ] = None,
) -> None:
    """Forget the saved browser session(s): the next run signs in again.

    Examples:

    \b
      automator logout                                      # every saved session
      automator logout --base-url https://www.coursera.org  # this site's only
    """
    from automator.session import data_dir, delete_sessions

    url = normalise_base_url(base_url) if base_url else None
    deleted = delete_sessions(data_dir(), url)
    err.print(f"Deleted {len(deleted)} saved session(s)." if deleted else "No saved session to delete.")


def credentials_set(allow_insecure_keyring: AllowInsecure = False, site: SiteName = DEFAULT_SITE) -> None:
    """Store the Coursera email and password in the OS keyring (the password is asked twice, hidden).

    Examples:

    \b
      automator credentials set
      automator credentials set --allow-insecure-keyring   # a plain-file keyring, with a warning
    """
    from automator.credentials import check_email

    account = site_named(site).account
    store = keystore(account, allow_insecure_keyring)
    store.check()
    email = check_email(ask(f"{account.title} email: ") or "")
    password = ask("Password (hidden): ", secret=True) or ""
    if not password:
        raise ConfigError("the password is empty; nothing was stored")
    if ask("Password again: ", secret=True) != password:
        raise ConfigError("the two passwords differ; nothing was stored")
    store.store(email, password)
    err.print(f"Stored the account {email} in the OS keyring ({store.info.name}).")


def credentials_status(
    allow_insecure_keyring: AllowInsecure = False,
    site: SiteName = DEFAULT_SITE,
    json_out: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Which keyring backend is in use and whether an account is stored (never the password).

    Exits 2 when the keyring cannot be used, saying why.

    Examples:

    \b
      automator credentials status
      automator credentials status --json   # backend, usable, insecure, problem, account
    """
    from automator.keystore import KeyringUnusable

    store = keystore(site_named(site).account, allow_insecure_keyring)
    answer: dict[str, Any] = {"backend": store.info.name, "insecure": store.info.insecure}
    try:
        store.check()
        email = store.email()
        stored = bool(email) and store.has_password(email or "")
        answer.update(usable=True, problem=None, account=email if stored else None)
    except KeyringUnusable as exc:  # an answer to the question asked, not an error
        answer.update(usable=False, problem=str(exc), account=None)
    if json_out:
        typer.echo(json.dumps(answer, indent=2))
    else:
        _print_status(answer)
    if not answer["usable"]:
        raise typer.Exit(USAGE_EXIT_CODE)


def _print_status(answer: dict[str, Any]) -> None:
    typer.echo(f"Keyring backend: {answer['backend']}")
    if not answer["usable"]:
        typer.echo(f"Usable: no. {answer['problem']}")
        return
    warning = " (insecure: allowed by --allow-insecure-keyring)" if answer["insecure"] else ""
    typer.echo(f"Usable: yes{warning}")
    typer.echo(f"Account: {answer['account'] or 'none stored'}")


def credentials_delete(allow_insecure_keyring: AllowInsecure = False, site: SiteName = DEFAULT_SITE) -> None:
    """Delete the stored Coursera account from the OS keyring.

    Examples:

    \b
      automator credentials delete
    """
    deleted = keystore(site_named(site).account, allow_insecure_keyring).delete()
    err.print("Deleted the stored account." if deleted else "No account was stored.")
