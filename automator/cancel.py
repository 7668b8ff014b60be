"""One cancellation run: browser, walk, approval gate, verification, report.

The core never prints and never imports typer: it talks to the person only through the
`Interaction` it is given, and returns a RunResult (also written as run.json and report.html).
A `Run` holds what one run works with (page, walk, context, site, settings, person, guard, run
id); its steps return an `Ending`, the run's status and message, or raise what stops it.
runs.py carries a run out (its browsers, its record); status_walk.py walks another way.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from automator.activity import PageActivity
from automator.approval import OFFER_WORD, Approval, DestructiveGuard, press_approved, request_approval
from automator.credentials import Credentials
from automator.errors import AutomatorError, Drift, NotPressed, Unreachable
from automator.evidence import Camera, receipt_pdf, save_evidence
from automator.facts import Confirmed, receipt, summary
from automator.flow import AtConfirmation, AtOffer, Done, Screen, Walk
from automator.history import RECORD, write_receipt
from automator.interaction import Interaction
from automator.language import check_language
from automator.messages import NOT_CANCELLED, failure, unsure
from automator.reach import open_page
from automator.report import RunResult
from automator.runs import Ending, carry_out
from automator.session import save_session
from automator.settings import RunSettings
from automator.sites.base import Confirmation, FlowContext, Offer, Site
from automator.start import Start, begin
from automator.status import Status
from automator.traffic import Traffic, short_url
from automator.verify import LookAgain
from automator.watch import Watch


def run_cancel(
    settings: RunSettings,
    credentials: Callable[[], Credentials],
    ui: Interaction,
    watch: Watch | None = None,
    browser: Browser | None = None,
) -> RunResult:
    """Walk the cancellation flow; press the final button only with the person's typed approval.

    `browser`: an already launched browser to open this run's context in (tests run many
    runs in one process); by default the run launches its own and closes it. `watch`: what
    the caller sees of the walk.
    """
    seen = watch or Watch()

    def hooks(run: Run) -> None:
        if (screens := seen.screens) is not None:
            run.walk.observe = lambda page, screen: screens(page, screen, run.ctx, run.site)
        if seen.acting is not None:
            run.walk.acting = seen.acting

    return carry_out(begin(settings, credentials, ui), ui, Run, browser, hooks)


class Run:
    """One run in its browser page, from the first page to how it ended.

    `pressed` holds "offer", or the confirming button's text, once such a click was sent:
    from then on, whatever stops the run, the person is told the account may have changed."""

    def __init__(self, page: Page, settings: RunSettings, ui: Interaction, site: Site, ctx: FlowContext):
        self.page, self.settings, self.ui, self.site, self.ctx = page, settings, ui, site, ctx
        page.set_default_timeout(settings.timeout_ms)
        page.set_default_navigation_timeout(settings.timeout_ms)
        self.guard = DestructiveGuard(page.context, site.guard_rules)
        self.traffic = Traffic(page, settings.base_url)
        self.camera = Camera(page, settings.out_dir, site, ctx, self.traffic.loading)
        self.camera.every_screen = settings.every_screenshot
        self.walk = Walk(
            page,
            site.screens,
            settings.timeout_ms,
            capture=self.camera,
            on_step=ui.step,
            load_problem=self.traffic.problem,
            loading=self.traffic.loading,
            obstacles=site.obstacles,
            activity=PageActivity(page),
            info=ui.info,
            signed_out=site.signed_out_screens,
            check_page=lambda after: check_language(page, site, step=after),
        )
        self.walk.interrupt = self._held_back
        ctx.click, ctx.check, ctx.wait = self.walk.click, self.walk.check, self.walk.wait
        self.run_id = uuid.uuid4().hex
        self.pressed: list[str] = []
        self.started_at: str | None = None  # the run's, once it is known (resume)
        self.details: dict[str, Any] = {}
        self.url = settings.base_url + site.start_path

    def resume(self, start: Start) -> None:
        """Go on from where `start` says, after the steps walked there in another language."""
        self.url, self.walk.steps, self.pressed = start.url, start.steps, start.pressed
        self.started_at = start.result.started_at
        self.camera.counter = iter(range(len(start.steps) + 1, 1000))

    def go(self) -> Ending:
        """The whole walk; a stop (drift, a failure, Ctrl-C) ends it with its evidence saved."""
        try:
            return self._walk()
        except Unreachable as exc:
            return self._never_reached(exc)
        except (AutomatorError, PlaywrightError, KeyboardInterrupt) as exc:
            tail = unsure(self.pressed, self.site)
            status, message = failure(exc, tail, self.traffic, self.settings.timeout_s)
            self.details.update(save_evidence(self.walk, self.camera, message))
            return Ending(status, message)

    def _never_reached(self, exc: Unreachable) -> Ending:
        """The site never answered: the page shows only the browser's own error, nothing to wait
        for or keep (captures of it were seen to wait out their time bounds on a loaded machine)."""
        message = f"{exc}. {NOT_CANCELLED}"
        self.camera.every_screen = False  # and not stopping: this step gets no picture
        step = self.walk.record_as("stopped", "Where the run stopped", note=message, stopped=True)
        step.url = short_url(self.url)  # where it went, not the blank or error page it got
        return Ending(exc.status, message)

    def kept(self, path: Path, reused: bool) -> dict[str, Any]:
        """What the run leaves for later: the session, and any request the guard held back."""
        kept: dict[str, Any] = {"session": self._keep_session(path, reused)}
        if self.guard.blocked:
            kept["blocked"] = {
                "requests": [str(held) for held in self.guard.blocked],
                "after": self.walk.last_action,
                "stopped_within_s": self.walk.held_for,  # from holding it back to stopping the walk
            }
        return kept

    # -- the walk --------------------------------------------------------------------------
    def _walk(self) -> Ending:
        response = open_page(self.page, self.url)  # a site never reached ends the run at once
        check_language(self.page, self.site, response, step="start")  # before any click
        while True:
            screen, outcome = self.walk.run(self.ctx)
            self.walk.stop_if_interrupted()
            if not isinstance(outcome, AtOffer):
                break
            taken = self._decide_offer(screen, outcome.offer)
            if taken is not None:
                return taken
        if isinstance(outcome, Done):
            return Ending(outcome.status, outcome.message)
        assert isinstance(outcome, AtConfirmation)
        return self._at_confirmation()

    def _at_confirmation(self) -> Ending:
        page, walk, ctx, site = self.page, self.walk, self.ctx, self.site
        confirmation = site.inspect_confirmation(page, ctx)  # a changed dialog stops here: drift
        walk.ready(confirmation.button, confirmation.label)  # disabled or covered: drift, before asking
        if self.settings.dry_run:
            self._back_out(confirmation)
            return Ending(
                Status.DRY_RUN_COMPLETE,
                f"Dry run complete: the flow reached the final confirmation and backed out. {NOT_CANCELLED}",
            )
        approval = request_approval(self.run_id, summary(ctx, self.site, confirmation), self.ui.ask_approval)
        if approval is None:
            self._back_out(confirmation)
            return Ending(Status.DECLINED, f"You did not approve. {NOT_CANCELLED}")
        if not site.unchanged(page, confirmation):
            changed = f"the final dialog changed while you were deciding, so '{confirmation.label}'"
            changed += " was not pressed"
            raise Drift(changed, step="confirm_cancel")
        self._press(confirmation.button, confirmation.label, approval, what=confirmation.label)
        return self._verify(approval)

    def _press(self, button: Locator, label: str, approval: Approval, what: str) -> None:
        """Press an approved button once; `what` is remembered as pressed once the click was sent."""
        self.walk.ready(button, label)
        self.pressed.append(what)
        try:
            press_approved(button, approval, self.run_id, self.guard, self.settings.timeout_ms)
        except NotPressed:
            self.pressed.pop()
            raise

    def _verify(self, approval: Approval) -> Ending:
        try:
            notice = self.site.verify_cancelled(self.page, self.ctx)
        except (AutomatorError, PlaywrightError) as exc:
            notice = LookAgain(self.page, self.walk, self.ctx, self.site, self.camera)(exc)
        seen = Confirmed(notice, self.page.url)  # the moment the page said so, before its picture
        with self.camera.proof():  # the receipt's picture, whatever else is photographed
            step = self.walk.record_as("cancelled", "Cancelled state", note=notice)
        shot, pdf = self.settings.out_dir / str(step.screenshot), receipt_pdf(self.camera)
        record = receipt(self.ctx, self.site, seen, approval, self.started_at)
        kept = write_receipt(self.settings.data_dir, record, shot, pdf)
        self.details["receipt"] = str(kept / RECORD)
        self.ui.info(f"Receipt kept in {kept}")
        return Ending(Status.CANCELLED, notice)

    def _decide_offer(self, screen: Screen, offer: Offer) -> Ending | None:
        """Decline the offer, or, when the person typed their approval for it, take it: the run ends."""
        record = {"kind": offer.kind, "title": offer.title, "decision": "declined"}
        self.ctx.facts.offers.append(record)
        if not self.settings.dry_run and offer.accept_label:
            asked = summary(self.ctx, self.site, offer=f"{offer.title} ({offer.accept_label})")
            approval = request_approval(self.run_id, asked, self.ui.ask_offer, word=OFFER_WORD)
            if approval is not None:
                record["decision"] = "accepted"
                self._press(offer.accept, offer.accept_label, approval, what="offer")
                notice = self.site.verify_offer(self.page, offer, self.ctx)
                self.walk.record_as("offer_accepted", "Offer accepted", note=notice)
                took = f"You took the offer '{offer.title}' instead of cancelling. {notice}"
                return Ending(Status.OFFER_ACCEPTED, took)
        self.walk.leave(screen, self.site.decline_offer(self.page, offer, self.ctx))
        return None

    def _back_out(self, confirmation: Confirmation) -> None:
        self.site.back_out(self.page, confirmation, self.ctx)
        screen = self.walk.current(after="confirm_cancel")
        self.walk.record(screen, note="backed out of the final dialog; nothing was sent")

    def _held_back(self) -> str | None:
        """What stops the walk at once: a request the guard held back, with the click that sent it."""
        if not self.guard.blocked:
            return None
        held = self.guard.blocked[0]
        walk = self.walk
        walk.held_for = walk.held_for or round(time.monotonic() - held.at, 3)
        after = f", sent after clicking {walk.last_action}" if walk.last_action else ""
        return (
            f"the site tried to change your subscription before you approved: {held}{after}. "
            "The tool blocked it in the browser, so nothing was sent"
        )

    def _keep_session(self, path: Path, reused: bool) -> dict[str, bool]:
        """Save the browser's session once it got past the sign-in, so the next run skips it."""
        names = {step.name for step in self.walk.steps} - {"stopped"}
        signed_in = bool(names - self.site.signed_out_screens)
        if signed_in:
            try:
                save_session(path, dict(self.page.context.storage_state()))
            except (AutomatorError, PlaywrightError) as exc:
                self.ui.info(f"The session could not be saved: {exc}")
                signed_in = False
        return {"reused": reused and "sign_in" not in names, "saved": signed_in}


