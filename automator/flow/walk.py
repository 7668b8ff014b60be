"""One walk through a site's screens: `Walk` recognises the page (or raises Drift), records
each screen met as a step, clicks once a control can take the click, and waits for the page to
move on, never longer than it takes the page to settle. `run` walks to the destructive screen
(or a handler's end of the run), `through` only past the sign-in; the runner (cancel.py) acts
on what they return and walks on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from automator.activity import PageActivity
from automator.errors import Drift, HeldBack
from automator.flow.probes import ACTIONABLE, alert_text, dialog_name, fingerprint, moved_from
from automator.flow.recognition import UNKNOWN_DIALOG, any_marker, match, visible
from automator.flow.screens import AtConfirmation, Next, Obstacles, Outcome, Screen, StepRecord
from automator.traffic import short_url

MAX_STEPS = 25
MAX_REPEATS = 2  # the same screen more than this many times in a row means the flow is stuck
SLICE_MS = 250.0  # waits are cut in slices this long, to notice a blocked request or a settled page


@dataclass
class Walk:
    """The state of one walk through a site: the steps so far and how to record them."""

    page: Page
    screens: Sequence[Screen]
    timeout_ms: float
    capture: Callable[[str], str | None]  # screen name -> screenshot file name
    on_step: Callable[[StepRecord], None]
    observe: Callable[[Page, Screen], None] | None = None  # sees each screen before it is acted on
    acting: Callable[[Locator], None] = lambda _target: None  # sees each control just before it is pressed
    # Why the page now showing is the site's error rather than a screen (an HTTP 5xx), if it is.
    load_problem: Callable[[], str | None] = lambda: None
    loading: Callable[[], bool] = lambda: True  # a page load still unanswered (unknown: assume so)
    # Raises when this page cannot be read with the walk's words (it is in another language);
    # given the step it came after.
    check_page: Callable[[str], None] = lambda _after: None
    # Why the walk must stop at once (a blocked account-changing request), if it must.
    interrupt: Callable[[], str | None] = lambda: None
    obstacles: Obstacles = field(default_factory=Obstacles)
    activity: PageActivity | None = None
    info: Callable[[str], None] = lambda _message: None  # tells the person what was done on the way
    # The sign-in screens: meeting a screen again after one of them is resuming, not a circle.
    signed_out: frozenset[str] = frozenset()
    steps: list[StepRecord] = field(default_factory=list)
    previous: str = "start"
    previous_title: str = "the first page"
    before: str = ""
    last_action: str = ""  # the click that came last, in words
    held_for: float | None = None  # seconds from a request held back to the walk noticing it
    _repeats: int = 0
    _clock: float = field(default_factory=time.monotonic)

    def record(self, screen: Screen, note: str = "") -> StepRecord:
        """Screenshot the page as it is now and add a step for it."""
        if self.observe is not None:
            self.observe(self.page, screen)
        return self.record_as(screen.name, screen.title, note)

    def record_as(
        self, name: str, title: str, note: str = "", must_capture: bool = True, stopped: bool = False
    ) -> StepRecord:
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
        step = StepRecord(name, title, short_url(self.page.url), shot, now - self._clock, note, stopped)
        self._clock = now
        self.steps.append(step)
        self.on_step(step)
        return step

    # -- recognising ------------------------------------------------------------------------
    def current(self, after: str) -> Screen:
        """Recognise the page, or raise Drift naming the step where it happened."""
        self.stop_if_interrupted()
        if self.page.url.startswith("chrome-error://") or self.load_problem():
            # The browser's own error page, or the site's: no screen will ever appear.
            raise Drift(f"after '{after}', the next page failed to load", step=after)
        self.check_page(after)
        self._clear()
        screen = self._recognise()
        if screen is None:
            raise Drift(
                f"after '{after}', the page at {short_url(self.page.url)} is not a screen the flow "
                "knows (the site may have changed)",
                step=after,
            )
        if screen is UNKNOWN_DIALOG:
            # Clicking through would act on something nobody recognised.
            raise Drift(
                f"after '{after}', an unknown dialog is open over {short_url(self.page.url)} "
                f"({dialog_name(self.page)!r}; the site may have changed)",
                step=after,
            )
        return screen

    def _recognise(self) -> Screen | None:
        """The screen showing, once one shows; None once the page has settled without one."""
        markers = any_marker(self.page, self.screens).first
        for _ in range(MAX_STEPS):
            if not self.wait(lambda ms: visible(markers, ms)):
                return None
            screen = match(self.page, self.screens)
            if screen is UNKNOWN_DIALOG and self._clear():
                continue  # it was a cookie banner or the like: look again
            if screen is not None:
                return screen
            # A marker showed, then the page changed under us (a navigation): look again.
        return None

    def _clear(self) -> bool:
        """Dismiss what stands in front of the page; True (and the person told) if anything was."""
        done = self.obstacles.clear(self.page)
        if done:
            self.info(done[:1].upper() + done[1:] + ".")
        return bool(done)

    # -- waiting -----------------------------------------------------------------------------
    def wait(self, attempt: Callable[[float], bool], settle: bool = True) -> bool:
        """Call `attempt(ms)` in slices until it succeeds (True); False when the step's time
        budget runs out or, with `settle`, once the page has settled without it succeeding.

        Between slices it stops the run at once if it must (a blocked request)."""
        deadline = time.monotonic() + self.timeout_ms / 1000
        while True:
            self.stop_if_interrupted()
            remaining = (deadline - time.monotonic()) * 1000
            if remaining <= 0:
                return False
            if attempt(min(remaining, SLICE_MS)):
                return True
            if self.page.url.startswith("chrome-error://") or self.load_problem():
                return False  # the browser's or the site's error page: nothing more will come
            if settle and self.activity is not None and self.activity.settled():
                return attempt(1)

    def stop_if_interrupted(self) -> None:
        reason = self.interrupt()
        if reason:
            raise HeldBack(reason, step=self.previous)

    def fingerprint(self) -> str:
        return fingerprint(self.page)

    # -- acting ------------------------------------------------------------------------------
    def click(self, target: Locator, label: str) -> None:
        """Click a control recognised by name, once it can take the click; if it cannot (disabled,
        covered), say so as soon as the page has settled, never after a click timeout."""
        self.ready(target, label)
        self.acting(target)
        target.click(timeout=self.timeout_ms)

    def check(self, target: Locator, label: str) -> None:
        """Tick a radio button or checkbox, like click."""
        self.ready(target, label)
        self.acting(target)
        target.check(timeout=self.timeout_ms)

    def ready(self, target: Locator, label: str) -> None:
        """Wait until `target` can take a click; raise Drift saying why it cannot."""
        self.last_action = f"'{label}' on '{self.previous_title}'"
        problem: dict[str, str] = {"problem": "missing"}

        def attempt(ms: float) -> bool:
            nonlocal problem
            try:  # waits for the control to be there; ACTIONABLE says if it is shown
                found = target.evaluate(ACTIONABLE, timeout=ms)
            except PlaywrightError:
                return False
            if found and found["problem"] == "covered" and self._clear():
                return attempt(ms)
            problem = found or problem
            return not found

        if self.wait(attempt):
            return
        raise Drift(self._why_not(label, problem), step=self.previous)

    def _why_not(self, label: str, problem: dict[str, str]) -> str:
        kind = problem["problem"]
        if kind == "disabled":
            return f"the button '{label}' on '{self.previous_title}' is disabled"
        if kind == "covered":
            cover = self.obstacles.describe(self.page, problem["by"])
            return f"'{label}' on '{self.previous_title}' is covered by {cover}"
        return f"'{label}' is not there to click on '{self.previous_title}'"

    # -- walking ---------------------------------------------------------------------------------
    def run(self, context: Any) -> tuple[Screen, Outcome]:
        """Walk until a handler ends the run, needs a decision, or the destructive screen is reached.

        Resumable: after the runner has acted on a returned screen it calls `leave` and `run` again.
        """
        for _ in range(MAX_STEPS):
            screen = self._arrive(self._forward(self.current(after=self.previous)))
            if screen.destructive:
                return screen, AtConfirmation()
            outcome = screen.act(self.page, context)
            if not isinstance(outcome, Next):
                return screen, outcome
            self.leave(screen, outcome)
        raise Drift(f"no confirmation screen after {MAX_STEPS} screens", step=self.previous)

    def _forward(self, screen: Screen) -> Screen:
        """The screen to act on next, never one the walk has already got past.

        Meeting again a screen acted on earlier (with no sign-in since, which would explain it)
        is either a slow page that shows the screen underneath before its dialog (a
        single-page app fetching the offer), or the site sending the flow back. So it is acted
        on only once the page has settled, and if it is still that screen then, the flow went
        round in a circle: drift, not a second click."""
        if screen.name == self.previous or not self._met_since_sign_in(screen.name):
            return screen
        now = self.fingerprint()
        self.wait(lambda ms: moved_from(self.page, now, ms))  # a dialog arrives, or the page settles
        again = self.current(after=self.previous)
        if again.name == screen.name:
            raise Drift(
                f"after '{self.previous_title}', the flow came back to '{screen.title}' "
                "(the site may have changed)",
                step=self.previous,
            )
        return again

    def _met_since_sign_in(self, name: str) -> bool:
        for step in reversed(self.steps):
            if step.name in self.signed_out:
                return False
            if step.name == name:
                return True
        return False

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
        # A screen can show before the page's scripts have run (they are deferred to the end of
        # parsing, after its stylesheets): a click then does nothing (a menu that never opens),
        # and a screenshot can catch the page before its styles, with masks in the wrong place.
        self.page.wait_for_load_state("domcontentloaded", timeout=self.timeout_ms)
        self.record(screen)
        self.previous, self.previous_title = screen.name, screen.title
        self.before = self.fingerprint()
        return screen

    def url_of(self, name: str) -> str | None:
        """Where the walk last met the screen `name`, if it did."""
        urls = [step.url for step in self.steps if step.name == name]
        return urls[-1] if urls else None

    def leave(self, screen: Screen, outcome: Next) -> None:
        """Wait for the page to move on from `screen` after acting there."""
        if outcome.waited:
            return
        before = self.before
        if not self.wait(lambda ms: moved_from(self.page, before, ms)):
            said = alert_text(self.page)
            raise Drift(
                f"after {self.last_action or repr(screen.title)}, the page did not move on"
                + (f" (it says: {said!r})" if said else ""),
                step=screen.name,
            )
