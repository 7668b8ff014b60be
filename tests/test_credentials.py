"""Credentials: environment first, then the keyring; never printed."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError

from automator.credentials import (
    KEYRING_ACCOUNT_KEY,
    KEYRING_SERVICE,
    Credentials,
    resolve_credentials,
)
from automator.errors import ConfigError


class MemoryKeyring(KeyringBackend):
    """An in-memory backend for tests (never a file)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class NoKeyring:
    def get_password(self, service: str, username: str) -> str | None:
        raise NoKeyringError("No recommended backend was available.")


@pytest.fixture
def memory_keyring():  # type: ignore[no-untyped-def]
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_environment_wins(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, KEYRING_ACCOUNT_KEY, "k@example.com")
    memory_keyring.set_password(KEYRING_SERVICE, "k@example.com", "kpass")
    found = resolve_credentials({"COURSERA_EMAIL": " e@example.com ", "COURSERA_PASSWORD": "epass"}, keyring)
    assert (found.email, found.password, found.source) == ("e@example.com", "epass", "environment")


def test_keyring_when_the_environment_is_empty(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, KEYRING_ACCOUNT_KEY, "k@example.com")
    memory_keyring.set_password(KEYRING_SERVICE, "k@example.com", "kpass")
    found = resolve_credentials({}, keyring)
    assert (found.email, found.password, found.source) == ("k@example.com", "kpass", "keyring")


@pytest.mark.parametrize("env", [{"COURSERA_EMAIL": "e@example.com"}, {"COURSERA_PASSWORD": "p"}])
def test_half_set_environment_is_an_error(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="set both or neither"):
        resolve_credentials(env, NoKeyring())


def test_nothing_anywhere_names_every_way_out(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ConfigError) as info:
        resolve_credentials({}, keyring)
    assert "COURSERA_EMAIL" in str(info.value) and "holds no Coursera account" in str(info.value)


def test_no_keyring_backend_is_explained() -> None:
    with pytest.raises(ConfigError, match=r"keyring is not usable here .NoKeyringError."):
        resolve_credentials({}, NoKeyring())


def test_the_password_is_not_in_the_repr() -> None:
    assert "s3cret" not in repr(Credentials("a@example.com", "s3cret", "environment"))
