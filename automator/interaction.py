"""How a run reaches the person: the CLI implements it, tests script it."""

from __future__ import annotations

from typing import Any, Protocol

from automator.approval import Summary
from automator.flow import StepRecord


class Interaction(Protocol):
    """How the core reaches the person (the CLI implements it; tests script it)."""

    def step(self, step: StepRecord) -> None: ...

    def info(self, message: str) -> None: ...

    def ask_secret(self, prompt: str) -> str | None: ...

    def ask_approval(self, summary: Summary) -> str | None: ...

    def ask_offer(self, summary: Summary) -> str | None:
        """What the person typed about an offer; None when nobody is at a terminal (declined)."""
        ...

    def choose(self, rows: list[Any]) -> int | None:
        """Which of several subscriptions; None when nobody is at a terminal."""
        ...
