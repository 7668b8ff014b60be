"""The OS keyring, used safely: refuse backends that store nothing or store in plain text,
and never let a locked or hung keyring hang the tool.

The keyring holds the account's email under a fixed user name and the password under the
email, both in the site's own service (its `Account.keyring_service`, e.g. `automator/<site>`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from automator.account import Account
from automator.errors import ConfigError

ACCOUNT_KEY = "account-email"
DEFAULT_TIMEOUT_S = 10.0
T = TypeVar("T")



def way_out(account: Account) -> str:
    """What to do when the keyring cannot be used."""
    return (
        "Use a desktop keyring (macOS Keychain, Windows Credential Manager, GNOME Keyring or "
        "KWallet). On a Linux machine without a desktop, start one for the command: "
        'dbus-run-session -- sh -c \'gnome-keyring-daemon --unlock <<< "$KEYRING_PASSWORD"; '
        f"automator credentials set'. Or skip the keyring: set {account.email_env} and "
        f"{account.password_env} in the environment."
    )


_REFUSED = {
    "keyring.backends.fail.Keyring": "no OS keyring is available",
    "keyring.backends.null.Keyring": "the null keyring stores nothing",
}


class KeyringUnusable(ConfigError):
    """The keyring cannot be used safely here; the message says what to do instead."""


@dataclass(frozen=True)
class BackendInfo:
    name: str
    usable: bool
    insecure: bool
    problem: str | None


def backend_name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _members(backend: Any) -> list[Any]:
    """A chainer's backends, or the backend itself."""
    return list(getattr(backend, "backends", None) or []) if "chainer" in backend_name(backend) else [backend]


def _is_insecure(backend: Any) -> bool:
    name = backend_name(backend)
    return name.startswith("keyrings.alt.") or "plaintext" in name.lower()


def inspect_backend(backend: Any) -> BackendInfo:
    """Whether a backend can hold a password safely, without calling it."""
    name = backend_name(backend)
    members = _members(backend)
    if not members:
        return BackendInfo(name, False, False, "no OS keyring is available")
    for member in members:
        refused = _REFUSED.get(backend_name(member))
        if refused:
            return BackendInfo(name, False, False, refused)
    if any(_is_insecure(member) for member in members):
        return BackendInfo(name, True, True, "it keeps passwords in a file, readable by anyone with the file")
    return BackendInfo(name, True, False, None)


def call_with_timeout(fn: Callable[[], T], timeout_s: float, what: str, advice: str) -> T:
    """Run a keyring call in a worker thread; a call that does not return in time is an error
    (its message ends with `advice`, what to do instead)."""
    result: list[T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # handed back to the caller's thread
            failure.append(exc)

    worker = threading.Thread(target=work, name="keyring-call", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise KeyringUnusable(
            f"the OS keyring did not answer within {timeout_s:g}s while {what} (is it locked, "
            f"waiting for an unlock prompt?). {advice}"
        )
    if failure:
        raise KeyringUnusable(f"the OS keyring failed while {what}: {failure[0]}. {advice}") from failure[0]
    return result[0]


class Keystore:
    """Reads and writes one site's account in the OS keyring, refusing unsafe backends."""

    def __init__(
        self,
        backend: Any = None,
        *,
        account: Account,
        allow_insecure: bool = False,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        if backend is None:
            import keyring

            backend = keyring.get_keyring()
        self.backend = backend
        self.account = account
        self.service = account.keyring_service
        self.info = inspect_backend(backend)
        self.allow_insecure = allow_insecure
        self.timeout_s = timeout_s

    def check(self) -> None:
        """Raise KeyringUnusable unless this backend may hold the password."""
        if not self.info.usable:
            where = f"keyring backend {self.info.name}"
            raise KeyringUnusable(f"{self.info.problem} ({where}). {way_out(self.account)}")
        if self.info.insecure and not self.allow_insecure:
            raise KeyringUnusable(
                f"the keyring backend {self.info.name} is not safe: {self.info.problem}. "
                f"Pass --allow-insecure-keyring to use it anyway. {way_out(self.account)}"
            )

    def _call(self, what: str, fn: Callable[[], T]) -> T:
        self.check()
        return call_with_timeout(fn, self.timeout_s, what, way_out(self.account))

    def email(self) -> str | None:
        read = lambda: self.backend.get_password(self.service, ACCOUNT_KEY)  # noqa: E731
        email: str | None = self._call("reading the email", read)
        return email

    def read(self) -> tuple[str, str] | None:
        """(email, password) if both are stored."""
        email = self.email()
        if not email:
            return None
        password = self._call("reading the password", lambda: self.backend.get_password(self.service, email))
        return (email, password) if password else None

    def store(self, email: str, password: str) -> None:
        previous = self.email()
        self._call("storing the password", lambda: self.backend.set_password(self.service, email, password))
        self._call("storing the email", lambda: self.backend.set_password(self.service, ACCOUNT_KEY, email))
        if previous and previous != email:
            self._delete_quietly(previous)

    def delete(self) -> bool:
        """Remove the stored account; False if there was none."""
        email = self.email()
        if not email:
            return False
        self._delete_quietly(email)
        self._delete_quietly(ACCOUNT_KEY)
        return True

    def has_password(self, email: str) -> bool:
        read = lambda: self.backend.get_password(self.service, email)  # noqa: E731
        return bool(self._call("reading the password", read))

    def _delete_quietly(self, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._call("deleting", lambda: self.backend.delete_password(self.service, username))
        except KeyringUnusable as exc:
            if not isinstance(exc.__cause__, PasswordDeleteError):
                raise
