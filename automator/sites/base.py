"""What a site module provides to the generic runner."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page

from automator.credentials import Credentials
from automator.flow import Screen


@dataclass
class Facts:
    """What the walk learned on the way, for the approval prompt and the report."""

    plan: str | None = None
    price: str | None = None
    next_billing_date: str | None = None
    access_until: str | None = None
    full_name: str | None = None
    reason: str | None = None
    offers_declined: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class FlowContext:
    """Passed to every handler: who signs in, what the person asked for, what was learned."""

    credentials: Credentials
    reason: str | None
    timeout_ms: float
    facts: Facts = field(default_factory=Facts)


@dataclass(frozen=True)
class Site:
    name: str
    start_path: str
    screens: Sequence[Screen]
    # Requests that would cancel; blocked in the browser until the person approves.
    destructive_request: re.Pattern[str]
    masks: Callable[[Page, FlowContext], list[Locator]]
    final_button: Callable[[Page], Locator]
    read_confirmation: Callable[[Page, FlowContext], None]
    back_out: Callable[[Page, FlowContext], None]
    verify_cancelled: Callable[[Page, FlowContext], str]
    secrets_in_page: Callable[[FlowContext], list[str]]
