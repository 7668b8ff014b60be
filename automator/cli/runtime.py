"""What the browser commands share: the shared browser, the site and data folder, the
credentials (resolved once, when first needed), the keyring and the headless choice."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from automator.cli.console import ask, ask_yes, err, mask_email
from automator.settings import normalise_base_url

if TYPE_CHECKING:
    from automator.account import Account
    from automator.credentials import Credentials
    from automator.keystore import Keystore


@dataclass(frozen=True)
class Runtime:
    """typer's context object. `browser`: an already launched Playwright browser for the runs
    to open their context in, instead of launching their own (tests run many commands in one
    process); None launches one per run. `today`: the day that days left are counted from."""

    browser: Any = None
    today: Callable[[], date] = date.today


def shared_browser(ctx: typer.Context) -> Any:
    runtime = ctx.find_object(Runtime)
    return runtime.browser if runtime else None


def today(ctx: typer.Context) -> date:
    runtime = ctx.find_object(Runtime)
    return runtime.today() if runtime else date.today()


@dataclass(frozen=True)
class Prepared:
    url: str
    folder: Path
    credentials: Callable[[], Credentials]
    has_session: bool


def prepare(account: Account, base_url: str, allow_insecure: bool) -> Prepared:
    """The site's address, the data folder, the account's credentials (resolved now unless a saved
    session may make them unnecessary: a run that could never sign in fails before opening a browser).

    The environment's credentials are checked in any case: a malformed email there is a mistake to
    say now, not one to find when the saved session expires halfway through a run."""
    from automator.credentials import from_environment
    from automator.session import data_dir, session_file

    url = normalise_base_url(base_url)
    from_environment(os.environ, account)  # raises, naming the variable, on a bad or half-set pair
    folder = data_dir()
    provider = credentials_provider(account, allow_insecure)
    has_session = session_file(folder, url).is_file()
    if not has_session:
        provider()
    return Prepared(url, folder, provider, has_session)


def keystore(account: Account, allow_insecure: bool) -> Keystore:
    from automator.keystore import Keystore

    store = Keystore(account=account, allow_insecure=allow_insecure)
    if allow_insecure and store.info.insecure:
        err.print(f"warning: using the insecure keyring backend {store.info.name}: {store.info.problem}.")
    return store


def _prompt(account: Account) -> Callable[[bool], tuple[str, str, bool] | None]:
    def prompt(can_store: bool) -> tuple[str, str, bool] | None:
        err.print(f"{account.title} credentials are needed to sign in.")
        email = ask(f"{account.title} email: ")
        password = ask("Password (hidden): ", secret=True)
        if not email or password is None:
            return None
        keep = can_store and ask_yes("Store them in the OS keyring for next time? [y/N] ")
        return email, password, keep

    return prompt


def credentials_provider(account: Account, allow_insecure: bool) -> Callable[[], Credentials]:
    """Resolve credentials once, when first needed; say which source was used, never the value."""
    from automator.credentials import resolve_credentials

    found: list[Credentials] = []

    def provide() -> Credentials:
        if not found:
            found.append(
                resolve_credentials(
                    os.environ,
                    account,
                    lambda: keystore(account, allow_insecure),
                    _prompt(account) if sys.stdin.isatty() else None,
                    note=lambda message: err.print(f"  → {message}"),
                )
            )
            source = f"credentials from the {found[0].source}"
            err.print(f"  → Signing in as {mask_email(found[0].email)} ({source}).")
        return found[0]

    return provide


def display() -> bool:
    from automator.browser import display_available

    return display_available()


def headless(headed: bool | None, default_headless: bool) -> bool:
    """--headed/--headless if given; else hidden when asked or when there is no display."""
    if headed is not None:
        return not headed
    return default_headless or not display()
