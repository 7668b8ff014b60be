"""The flow engine: recognise the screen, run its handler, record the step, repeat.

It knows no site's words. A site is a list of `Screen`s in priority order (the most
specific first); the engine stops on a terminal outcome, on the confirmation screen, or
on a page no screen recognises, which is drift.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.errors import Drift
from automator.status import Status

LocatorFn = Callable[[Page], Locator]
MAX_STEPS = 25
MAX_REPEATS = 2  # the same screen more than this many times in a row means the flow is stuck


@dataclass(frozen=True)
class Next:
    """The handler acted; the engine waits for the page to move on (by default: a new URL)."""

    until: Callable[[Page, str], None] | None = None


@dataclass(frozen=True)
class Done:
    """The run ends here with this status (nothing more to click)."""

    status: Status
    message: str


@dataclass(frozen=True)
class AtConfirmation:
    """The destructive screen: only the approval gate may act on it."""


@dataclass(frozen=True)
class AtOffer:
    """A retention offer: the runner decides (decline, or accept with the person's approval)."""

    offer: Any


Outcome = Next | Done | AtConfirmation | AtOffer


@dataclass(frozen=True)
class Screen:
    """One screen of a site: how to recognise it, and what to do there."""

    name: str
    title: str
    marker: LocatorFn
    act: Callable[[Page, Any], Outcome]
    destructive: bool = False
    dialog: bool = False  # a modal dialog screen; any other screen must have no dialog open


@dataclass
class StepRecord:
    name: str
    title: str
    url: str
    screenshot: str | None
    seconds: float
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "url": self.url,
            "screenshot": self.screenshot,
            "seconds": round(self.seconds, 3),
            **({"note": self.note} if self.note else {}),
        }


def recognise(page: Page, screens: Sequence[Screen], timeout_ms: float) -> Screen | None:
    """The highest-priority screen whose marker is visible, waiting up to timeout_ms for one.

    While a modal dialog is open only dialog screens can match, and otherwise only page
    screens: a known page under an unknown dialog is not that page.
    """
    combined = screens[0].marker(page)
    for screen in screens[1:]:
        combined = combined.or_(screen.marker(page))
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        remaining = (deadline - time.monotonic()) * 1000
        if remaining <= 0:
            return None
        try:
            combined.first.wait_for(state="visible", timeout=remaining)
        except PlaywrightTimeout:
            return None
        dialog_open = open_dialogs(page).count() > 0
        for screen in screens:
            if screen.dialog == dialog_open and screen.marker(page).first.is_visible():
                return screen
        if dialog_open:
            return UNKNOWN_DIALOG
        # The page changed between the wait and the check (a navigation): look again.


def _never(page: Page, context: Any) -> Outcome:
    raise AssertionError("the unknown-dialog screen is never acted on")


# What recognise() returns when a modal dialog no screen knows is open over the page.
UNKNOWN_DIALOG = Screen(
    "unknown_dialog", "Unknown dialog", lambda page: open_dialogs(page), _never, dialog=True
)


def open_dialogs(page: Page) -> Locator:
    """Visible modal dialogs (ARIA dialog or alertdialog)."""
    return page.get_by_role("dialog").or_(page.get_by_role("alertdialog")).filter(visible=True)


def wait_for_new_url(page: Page, before: str, timeout_ms: float) -> None:
    """Wait until the page has navigated away from `before` and the new page has loaded."""
    page.wait_for_url(lambda url: url != before, timeout=timeout_ms)


@dataclass
class Walk:
    """The state of one walk through a site: the steps so far and how to record them."""

    page: Page
    screens: Sequence[Screen]
    timeout_ms: float
    capture: Callable[[str], str | None]  # screen name -> screenshot file name
    on_step: Callable[[StepRecord], None]
    observe: Callable[[Page, Screen], None] | None = None  # sees each screen before it is acted on
    # Why the page now showing is the site's error rather than a screen (an HTTP 5xx), if it is.
    load_problem: Callable[[], str | None] = lambda: None
    steps: list[StepRecord] = field(default_factory=list)
    previous: str = "start"
    before: str = ""
    _repeats: int = 0
    _clock: float = field(default_factory=time.monotonic)

    def record(self, screen: Screen, note: str = "") -> StepRecord:
        """Screenshot the page as it is now and add a step for it."""
        if self.observe is not None:
            self.observe(self.page, screen)
        return self.record_as(screen.name, screen.title, note)

    def record_as(self, name: str, title: str, note: str = "", must_capture: bool = True) -> StepRecord:
        """Like record, for a state that is not one of the site's screens.

        With must_capture False a page that cannot be screenshotted (still loading, gone) still
        gets its step, without a screenshot."""
        try:
            shot = self.capture(name)
        except PlaywrightError:
            if must_capture:
                raise
            shot = None
        now = time.monotonic()
        step = StepRecord(name, title, _short(self.page.url), shot, now - self._clock, note)
        self._clock = now
        self.steps.append(step)
        self.on_step(step)
        return step

    def current(self, after: str) -> Screen:
        """Recognise the page, or raise Drift naming the step where it happened."""
        if self.page.url.startswith("chrome-error://") or self.load_problem():
            # The browser's own error page, or the site's: no screen will ever appear.
            raise Drift(f"after '{after}', the next page failed to load", step=after)
        screen = recognise(self.page, self.screens, self.timeout_ms)
        if screen is None:
            raise Drift(
                f"after '{after}', the page at {_short(self.page.url)} is not a screen the flow "
                "knows (the site may have changed)",
                step=after,
            )
        if screen is UNKNOWN_DIALOG:
            # Clicking through would act on something nobody recognised.
            raise Drift(
                f"after '{after}', an unknown dialog is open over {_short(self.page.url)} "
                "(the site may have changed)",
                step=after,
            )
        return screen

    def run(self, context: Any) -> tuple[Screen, Outcome]:
        """Walk until a handler ends the run, needs a decision, or the destructive screen is reached.

        Resumable: after the runner has acted on a returned screen it calls `leave` and `run` again.
        """
        for _ in range(MAX_STEPS):
            screen = self._arrive(self.current(after=self.previous))
            if screen.destructive:
                return screen, AtConfirmation()
            outcome = screen.act(self.page, context)
            if not isinstance(outcome, Next):
                return screen, outcome
            self.leave(screen, outcome)
        raise Drift(f"no confirmation screen after {MAX_STEPS} screens", step=self.previous)

    def through(self, context: Any, names: frozenset[str]) -> Screen:
        """Act only on the screens named (the sign-in screens) until another one shows; return it."""
        for _ in range(MAX_STEPS):
            screen = self.current(after=self.previous)
            if screen.name not in names:
                return screen
            outcome = self._arrive(screen).act(self.page, context)
            if not isinstance(outcome, Next):
                raise Drift(f"'{screen.title}' did not lead on", step=screen.name)
            self.leave(screen, outcome)
        raise Drift(f"still on the sign-in after {MAX_STEPS} screens", step=self.previous)

    def _arrive(self, screen: Screen) -> Screen:
        """Record a screen just recognised, and make it ready to be acted on."""
        self._repeats = self._repeats + 1 if screen.name == self.previous else 0
        if self._repeats > MAX_REPEATS:
            raise Drift(
                f"the flow is stuck on '{screen.title}': acting there did not move on", step=screen.name
            )
        self.before = self.page.url
        self.record(screen)
        self.previous = screen.name
        # A screen can show before the page's scripts have run (they are deferred to the
        # end of parsing); a click then does nothing, e.g. a menu that never opens.
        self.page.wait_for_load_state("domcontentloaded", timeout=self.timeout_ms)
        return screen

    def url_of(self, name: str) -> str | None:
        """Where the walk last met the screen `name`, if it did."""
        urls = [step.url for step in self.steps if step.name == name]
        return urls[-1] if urls else None

    def leave(self, screen: Screen, outcome: Next) -> None:
        """Wait for the page to move on from `screen` after acting there."""
        try:
            if outcome.until is not None:
                outcome.until(self.page, self.before)
            else:
                wait_for_new_url(self.page, self.before, self.timeout_ms)
        except PlaywrightTimeout as exc:
            raise Drift(
                f"after acting on '{screen.title}', the page did not move on", step=screen.name
            ) from exc


def _short(url: str) -> str:
    return url.split("?", 1)[0]
