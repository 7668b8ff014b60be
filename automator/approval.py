"""The approval gate: the only code that may press a button that changes the account (the
final "Yes, Cancel", or a retention offer's accept button).

`press_approved` demands an `Approval`, and only `request_approval` can make one, from the
answer the person typed in this run. An Approval is bound to its run and spent by its
first use, so nothing can press the button twice or carry an approval to another run.

The `DestructiveGuard` adds a second wall in the browser itself: until an approval is
spent, every request the site marks as account-changing is aborted before it leaves Chromium.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Route

APPROVAL_WORD = "yes"
OFFER_WORD = "accept"  # taking a retention offer also changes the account: its own typed word
_MINT = object()  # only this module holds it, so only this module mints approvals


@dataclass(frozen=True)
class Summary:
    """What the person is asked to approve: cancelling, or taking a retention offer instead."""

    plan: str
    price: str | None
    next_billing_date: str | None
    access_until: str | None
    offer: str | None = None  # set when the question is whether to take this offer


class Approval:
    """Proof that the person typed their approval in this run. Single use."""

    __slots__ = ("_spent", "run_id", "summary")

    def __init__(self, mint: object, run_id: str, summary: Summary) -> None:
        if mint is not _MINT:
            raise TypeError("an Approval comes only from request_approval(), from a typed answer")
        self.run_id = run_id
        self.summary = summary
        self._spent = False

    def spend(self, run_id: str) -> None:
        if run_id != self.run_id:
            raise PermissionError("this approval was given in another run")
        if self._spent:
            raise PermissionError("this approval has already been used")
        self._spent = True


def is_approval(answer: str | None, word: str = APPROVAL_WORD) -> bool:
    """Only the typed word approves; anything else, an empty line or no answer is a decline."""
    return answer is not None and answer.strip().lower() == word


def request_approval(
    run_id: str, summary: Summary, ask: Callable[[Summary], str | None], word: str = APPROVAL_WORD
) -> Approval | None:
    """Ask the person; an Approval if they typed the approval word, else None (declined).

    `ask` returns what was typed, or None on end of input. Ctrl-C propagates (no approval is
    minted): the run stops as interrupted.
    """
    try:
        answer = ask(summary)
    except EOFError:
        answer = None
    return Approval(_MINT, run_id, summary) if is_approval(answer, word) else None


class DestructiveGuard:
    """Aborts the site's destructive requests in the browser until an approval is spent."""

    WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, context: BrowserContext, url_pattern: re.Pattern[str]) -> None:
        self.url_pattern = url_pattern
        self.allowed = False
        self.blocked: list[str] = []
        context.route(url_pattern, self._on_request)

    def _on_request(self, route: Route) -> None:
        request = route.request
        if request.method in self.WRITE_METHODS and not self.allowed:
            self.blocked.append(f"{request.method} {request.url.split('?', 1)[0]}")
            route.abort("blockedbyclient")
        else:
            route.fallback()


def press_approved(
    button: Locator, approval: Approval, run_id: str, guard: DestructiveGuard, **click: Any
) -> None:
    """Press a button that changes the account, once, with the person's approval from this run."""
    if not isinstance(approval, Approval):
        raise TypeError("press_approved needs an Approval from request_approval()")
    approval.spend(run_id)
    guard.allowed = True
    button.click(**click)
