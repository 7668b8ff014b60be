"""The person of a run inside the test process: what they type is scripted, and every question
they are asked is kept, with when it was answered."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from automator.approval import Summary
from automator.flow import StepRecord


class ScriptedPerson:
    """An `Interaction` (automator/interaction.py) that answers from a script."""

    def __init__(
        self,
        approval: str | None = None,
        offer: str | None = None,
        while_deciding: Callable[[], None] | None = None,
    ) -> None:
        self.approval, self.offer = approval, offer
        self.while_deciding = while_deciding  # what happens on the page while the person decides
        self.steps: list[str] = []
        self.infos: list[str] = []
        self.summaries: list[Summary] = []  # what the person was shown at each approval question
        self.asked: list[tuple[str, float]] = []  # ("approval" | "offer" | "secret", time.time())

    def step(self, step: StepRecord) -> None:
        self.steps.append(step.name)

    def info(self, message: str) -> None:
        self.infos.append(message)

    def ask_secret(self, prompt: str) -> str | None:
        self.asked.append(("secret", time.time()))
        return None

    def ask_approval(self, summary: Summary) -> str | None:
        self.asked.append(("approval", time.time()))
        self.summaries.append(summary)
        if self.while_deciding is not None:
            self.while_deciding()
        return self.approval

    def ask_offer(self, summary: Summary) -> str | None:
        self.asked.append(("offer", time.time()))
        return self.offer

    def choose(self, rows: list[Any]) -> int | None:
        return None

    def asked_before(self, question: str, entry: dict[str, Any]) -> bool:
        """Was `question` put to the person before this replay log entry was answered?"""
        sent = datetime.fromisoformat(entry["time"]).timestamp() + 0.001  # the log keeps ms
        return any(q == question and when <= sent for q, when in self.asked)
