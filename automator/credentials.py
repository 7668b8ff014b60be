"""Where the Coursera email and password come from: the environment, then the OS keyring.

The password is held in a `Credentials` object whose repr hides it, and is never logged:
the tool says which source it used, not the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from automator.errors import ConfigError

EMAIL_ENV = "COURSERA_EMAIL"
PASSWORD_ENV = "COURSERA_PASSWORD"
KEYRING_SERVICE = "automator/coursera"
# The keyring holds the account's email under this fixed user name, and the password under the email.
KEYRING_ACCOUNT_KEY = "account-email"


class KeyringLike(Protocol):
    """The part of the `keyring` module this tool uses (passed in so tests can swap it)."""

    def get_password(self, service_name: str, username: str) -> str | None: ...


@dataclass(frozen=True)
class Credentials:
    email: str
    password: str = field(repr=False)
    source: str  # "environment" or "keyring"


def from_environment(env: Mapping[str, str]) -> Credentials | None:
    """Both variables set and non-empty: credentials; neither: None; only one: an error."""
    email, password = env.get(EMAIL_ENV, ""), env.get(PASSWORD_ENV, "")
    if email and password:
        return Credentials(email.strip(), password, "environment")
    if email or password:
        missing = PASSWORD_ENV if email else EMAIL_ENV
        raise ConfigError(
            f"{missing} is not set, but {EMAIL_ENV if email else PASSWORD_ENV} is: set both or neither."
        )
    return None


def from_keyring(keyring: KeyringLike) -> tuple[Credentials | None, str | None]:
    """Credentials stored in the keyring, or None and the reason none could be read."""
    try:
        email = keyring.get_password(KEYRING_SERVICE, KEYRING_ACCOUNT_KEY)
        password = keyring.get_password(KEYRING_SERVICE, email) if email else None
    except Exception as exc:
        return None, f"the OS keyring is not usable here ({type(exc).__name__})"
    if email and password:
        return Credentials(email, password, "keyring"), None
    return None, "the OS keyring holds no Coursera account for automator"


def resolve_credentials(env: Mapping[str, str], keyring: KeyringLike) -> Credentials:
    """Environment first, then the keyring; a ConfigError that names every way out otherwise."""
    found = from_environment(env)
    if found:
        return found
    found, reason = from_keyring(keyring)
    if found:
        return found
    raise ConfigError(
        f"No Coursera credentials: {EMAIL_ENV} and {PASSWORD_ENV} are not set, and {reason}. "
        f"Set both variables (export {EMAIL_ENV}=you@example.com, then read -rs {PASSWORD_ENV} "
        f"and export it), or store them in the keyring (service {KEYRING_SERVICE!r})."
    )
