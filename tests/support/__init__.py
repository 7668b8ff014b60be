"""What the tests stand on, by job; tests/conftest.py turns it into fixtures.

paths: where the recordings are. env: the demo account and a CLI run's environment.
replay: replay servers and their request logs. cli: `automator` in the test process or as a
subprocess. live: a headed run in the background, at a display. person: the scripted person
of an in-process run. flow: `run_cancel` in the test process. profile: how wide the matrices
run (the suite's slice, or the nightly breadth). memory_keyring: a keyring that
never touches a file.

The names most tests need are here too, so `from tests.support import BASE, cli_env` works.
"""

from __future__ import annotations

from tests.support.env import DEMO_EMAIL, DEMO_PASSWORD, cli_env
from tests.support.live import free_port
from tests.support.paths import BASE, FIXTURES, REPO

__all__ = ["BASE", "DEMO_EMAIL", "DEMO_PASSWORD", "FIXTURES", "REPO", "cli_env", "free_port"]
