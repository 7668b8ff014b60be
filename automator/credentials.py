"""Where a site's email and password come from, in this order:

1. the site's two environment variables (for CI and scripts), e.g. SITE_EMAIL and SITE_PASSWORD;
2. the OS keyring (`automator credentials set`);
3. a prompt at the terminal, which offers to store what was typed in the keyring;
4. otherwise a CredentialsMissing error that names every way to provide them.

The password lives in a `Credentials` whose repr hides it; the tool reports which source it
used, never the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from automator.account import Account
from automator.errors import ConfigError, CredentialsMissing
from automator.keystore import KeyringUnusable, Keystore

EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# The prompt gets whether storing is possible; it returns (email, password, store) or None.
Prompt = Callable[[bool], "tuple[str, str, bool] | None"]


@dataclass(frozen=True)
class Credentials:
    email: str
    password: str = field(repr=False)
    source: str  # "environment", "keyring" or "prompt"


def check_email(email: str) -> str:
    email = email.strip()
    if not EMAIL_SHAPE.match(email):
        raise ConfigError(f"{email!r} is not an email address")
    return email


def from_environment(env: Mapping[str, str], account: Account) -> Credentials | None:
    """Both variables set and non-empty: credentials; neither: None; only one, or an email
    variable that holds no email: an error naming the variable."""
    email_env, password_env = account.email_env, account.password_env
    email, password = env.get(email_env, ""), env.get(password_env, "")
    if email:
        try:
            email = check_email(email)
        except ConfigError as exc:
            raise ConfigError(f"{email_env}: {exc}") from exc
    if email and password:
        return Credentials(email, password, "environment")
    if email or password:
        have, missing = (email_env, password_env) if email else (password_env, email_env)
        state = "is empty" if missing in env else "is not set"
        raise ConfigError(f"{missing} {state}, but {have} is set: set both or neither.")
    return None


def resolve_credentials(
    env: Mapping[str, str],
    account: Account,
    keystore: Callable[[], Keystore],
    prompt: Prompt | None = None,
    note: Callable[[str], None] = lambda _message: None,
) -> Credentials:
    """Environment, then keyring, then the prompt (None when nobody is at a terminal)."""
    found = from_environment(env, account)
    if found:
        return found
    store: Keystore | None = None
    try:
        store = keystore()
        pair = store.read()
        if pair:
            return Credentials(pair[0], pair[1], "keyring")
        reason = f"the OS keyring holds no {account.title} account for automator"
    except KeyringUnusable as exc:
        store, reason = None, str(exc)
    if prompt is not None:
        answer = prompt(store is not None)
        if answer:
            email, password, keep = check_email(answer[0]), answer[1], answer[2]
            if not password:
                raise ConfigError("the password is empty")
            if keep and store is not None:
                store.store(email, password)
                note(f"Stored the account in the OS keyring ({store.info.name}).")
            return Credentials(email, password, "prompt")
    names = f"{account.email_env} and {account.password_env}"
    raise CredentialsMissing(
        f"No {account.title} credentials: {names} are not set, and {reason.rstrip('.')}. "
        "Provide them with `automator credentials set` (stored in the OS keyring), by setting "
        f"{names}, or by running in a terminal to be asked; or sign in "
        "once in a browser with `automator login`."
    )
