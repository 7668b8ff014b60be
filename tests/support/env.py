"""The environment a CLI run sees: the recordings' demo account, and nothing of the shell's own.

No COURSERA_ or AUTOMATOR_ variable of the person running the tests leaks in, output is
unbuffered and uncoloured, and there is no display unless a test gives one.
"""

from __future__ import annotations

import os

DEMO_EMAIL = "demo.learner@example.com"
DEMO_PASSWORD = "demo-password-1234"


def cli_env(**extra: str) -> dict[str, str]:
    """This process's environment for `automator`, signed in as the demo account; `extra` on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSERA_", "AUTOMATOR_"))}
    env.update(
        {
            "COURSERA_EMAIL": DEMO_EMAIL,
            "COURSERA_PASSWORD": DEMO_PASSWORD,
            "PYTHONUNBUFFERED": "1",
            "NO_COLOR": "1",
        }
    )
    env.pop("DISPLAY", None)
    env.update(extra)
    return env
