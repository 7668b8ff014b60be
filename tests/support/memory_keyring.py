"""An in-memory keyring backend for tests (never a file), and a shim that runs the CLI with it.

    python -m tests.support.memory_keyring '{"service|user": "secret"}' cancel --dry-run ...

runs `automator ...` in this process with the keyring holding exactly those entries.
"""

from __future__ import annotations

import json
import sys
import threading

import keyring
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self, entries: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's own is not annotated
        self.store: dict[tuple[str, str], str] = dict(entries or {})

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError("not found")
        del self.store[(service, username)]


class HangingKeyring(MemoryKeyring):
    """A locked keyring whose unlock prompt nobody answers."""

    def get_password(self, service: str, username: str) -> str | None:
        threading.Event().wait()
        return None


def main() -> None:
    entries = {tuple(k.split("|", 1)): v for k, v in json.loads(sys.argv[1]).items()}
    keyring.set_keyring(MemoryKeyring(entries))
    from automator.cli import main as cli_main

    cli_main(sys.argv[2:])


if __name__ == "__main__":
    main()
