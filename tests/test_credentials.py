"""Credentials: environment → keyring → prompt → a clear error; unsafe keyrings refused."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from automator.credentials import Credentials, Prompt, resolve_credentials
from automator.errors import ConfigError, CredentialsMissing
from automator.keystore import ACCOUNT_KEY, DEFAULT_TIMEOUT_S, KeyringUnusable, Keystore, inspect_backend
from automator.sites import default_site
from tests.support.memory_keyring import HangingKeyring, MemoryKeyring

NAMES = default_site().account  # the environment variables and keyring service
SERVICE = NAMES.keyring_service
ACCOUNT = {(SERVICE, ACCOUNT_KEY): "k@example.com", (SERVICE, "k@example.com"): "kpass"}


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring (matched by name)."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


def _store(
    backend: KeyringBackend, *, allow_insecure: bool = False, timeout_s: float = DEFAULT_TIMEOUT_S
) -> Keystore:
    return Keystore(backend, account=NAMES, allow_insecure=allow_insecure, timeout_s=timeout_s)


def resolve(
    env: dict[str, str],
    keystore: Callable[[], Keystore],
    prompt: Prompt | None = None,
    note: Callable[[str], None] = lambda _message: None,
) -> Credentials:
    """The site's credentials, as `automator cancel` resolves them."""
    return resolve_credentials(env, NAMES, keystore, prompt, note)


def test_environment_wins_over_the_keyring() -> None:
    found = resolve(
        {"COURSERA_EMAIL": " e@example.com ", "COURSERA_PASSWORD": "epass"},
        lambda: _store(MemoryKeyring(ACCOUNT)),
    )
    assert (found.email, found.password, found.source) == ("e@example.com", "epass", "environment")


def test_keyring_when_the_environment_is_empty() -> None:
    found = resolve({}, lambda: _store(MemoryKeyring(ACCOUNT)))
    assert (found.email, found.password, found.source) == ("k@example.com", "kpass", "keyring")


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"COURSERA_EMAIL": "e@example.com"}, "COURSERA_PASSWORD is not set"),
        ({"COURSERA_EMAIL": "e@example.com", "COURSERA_PASSWORD": ""}, "COURSERA_PASSWORD is empty"),
        ({"COURSERA_PASSWORD": "p"}, "COURSERA_EMAIL is not set"),
    ],
)
def test_half_set_environment_is_an_error(env: dict[str, str], said: str) -> None:
    with pytest.raises(ConfigError, match="set both or neither") as raised:
        resolve(env, lambda: _store(MemoryKeyring()))
    assert said in str(raised.value)


def test_an_invalid_email_is_refused() -> None:
    with pytest.raises(ConfigError, match="not an email address"):
        resolve(
            {"COURSERA_EMAIL": "nobody", "COURSERA_PASSWORD": "p"}, lambda: _store(MemoryKeyring())
        )


def test_prompt_comes_last_and_can_store() -> None:
    backend = MemoryKeyring()
    notes: list[str] = []
    found = resolve(
        {},
        lambda: _store(backend),
        prompt=lambda can_store: ("p@example.com", "ppass", can_store),
        note=notes.append,
    )
    assert (found.email, found.source) == ("p@example.com", "prompt")
    assert backend.store == {(SERVICE, ACCOUNT_KEY): "p@example.com", (SERVICE, "p@example.com"): "ppass"}
    assert notes and "Stored" in notes[0] and "ppass" not in notes[0]


def test_prompt_without_a_usable_keyring_cannot_store() -> None:
    offered: list[bool] = []

    def prompt(can: bool) -> tuple[str, str, bool]:
        offered.append(can)
        return ("p@example.com", "x", True)

    found = resolve(
        {},
        lambda: _store(fail.Keyring()),  # type: ignore[no-untyped-call]  # keyring's __init__ is unannotated
        prompt=prompt,
    )
    assert offered == [False] and found.source == "prompt"


def test_nothing_anywhere_names_every_way_out() -> None:
    with pytest.raises(CredentialsMissing) as info:
        resolve({}, lambda: _store(MemoryKeyring()))
    message = str(info.value)
    for way in (
        "COURSERA_EMAIL",
        "automator credentials set",
        "automator login",
        "holds no Coursera account",
    ):
        assert way in message


@pytest.mark.parametrize(
    ("backend", "usable", "insecure"),
    [
        (MemoryKeyring(), True, False),
        (fail.Keyring(), False, False),  # type: ignore[no-untyped-call]  # keyring's __init__ is unannotated
        (null.Keyring(), False, False),  # type: ignore[no-untyped-call]  # keyring's __init__ is unannotated
        (PlaintextKeyring(), True, True),
    ],
)
def test_backends_are_judged_before_use(backend: KeyringBackend, usable: bool, insecure: bool) -> None:
    info = inspect_backend(backend)
    assert (info.usable, info.insecure) == (usable, insecure)


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring()],  # type: ignore[no-untyped-call]  # keyring's __init__ is unannotated
)
def test_missing_and_null_keyrings_are_refused_with_the_way_out(backend: KeyringBackend) -> None:
    with pytest.raises(KeyringUnusable) as info:
        _store(backend).read()
    assert "dbus-run-session" in str(info.value) and "gnome-keyring-daemon --unlock" in str(info.value)
    assert "COURSERA_EMAIL" in str(info.value)


def test_plaintext_keyring_needs_the_explicit_opt_in() -> None:
    backend = PlaintextKeyring(ACCOUNT)
    with pytest.raises(KeyringUnusable, match="--allow-insecure-keyring"):
        _store(backend).read()
    assert _store(backend, allow_insecure=True).read() == ("k@example.com", "kpass")


def test_a_hung_keyring_times_out_instead_of_hanging() -> None:
    started = time.monotonic()
    with pytest.raises(KeyringUnusable, match=r"did not answer within 0\.2s"):
        _store(HangingKeyring(), timeout_s=0.2).read()
    assert time.monotonic() - started < 5


def test_store_replaces_an_old_account_and_delete_removes_it() -> None:
    backend = MemoryKeyring(ACCOUNT)
    store = _store(backend)
    store.store("new@example.com", "npass")
    assert backend.store == {(SERVICE, ACCOUNT_KEY): "new@example.com", (SERVICE, "new@example.com"): "npass"}
    assert store.delete() is True and backend.store == {}
    assert store.delete() is False


def test_the_password_is_not_in_the_repr() -> None:
    assert "s3cret" not in repr(Credentials("a@example.com", "s3cret", "environment"))
