"""One cancellation run: browser, walk, approval gate, verification, report.

The core never prints and never imports typer: it talks to the person only through the
`Interaction` it is given, and returns a RunResult (also written as run.json and report.html).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.activity import PageActivity
from automator.approval import OFFER_WORD, DestructiveGuard, Summary, press_approved, request_approval
from automator.browser import browser_page, clean_interrupts, page_html, stop_loading
from automator.credentials import Credentials
from automator.errors import AutomatorError, ConfigError, Drift, HeldBack, NotPressed, NotTaken, SignInFailed
from automator.flow import AtConfirmation, AtOffer, Done, Screen, StepRecord, Walk
from automator.history import write_receipt
from automator.report import RunResult, write_report_html, write_run_json
from automator.session import load_session, save_session, session_file
from automator.settings import RunSettings
from automator.sites.base import Confirmation, FlowContext, Offer, Site
from automator.sites.coursera import COURSERA
from automator.status import Status

NOT_CANCELLED = "Nothing was cancelled."
# Chromium's answer when it has no frame to capture at that moment; worth asking again.
NO_FRAME = "Unable to capture screenshot"
SCREENSHOT_ATTEMPTS = 3
# A capture takes a tenth of a second; one that has had no answer this long will not get one
# (seen on a loaded machine, on the browser's own error page just after it committed): ask again.
SCREENSHOT_TIMEOUT_MS = 3000
EVIDENCE_TIMEOUT_MS = 5000  # the most any one call may take while saving a stopped run's evidence
MAYBE_CANCELLED = (
    "You approved and {button} was pressed, but the cancellation could not be confirmed on "
    "the page: the subscription may still be active. Check Settings → Subscriptions on "
    "coursera.org (and your email for Coursera's confirmation). The tool does not press "
    "{button} again by itself."
)
MAYBE_OFFER_TAKEN = (
    "You approved and the offer's button was pressed, but the change could not be confirmed on "
    "the page: the offer may or may not have been applied, and the subscription was not "
    "cancelled. Check Settings → Subscriptions on coursera.org. The tool does not press it again."
)


def _unsure(pressed: list[str]) -> str:
    """What to tell the person once something that changes the account may have happened.

    `pressed` holds "offer", or the confirming button's text, once such a click was sent."""
    if not pressed:
        return NOT_CANCELLED
    return MAYBE_OFFER_TAKEN if pressed[-1] == "offer" else MAYBE_CANCELLED.format(button=pressed[-1])


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


class _Outcome(Exception):
    """Internal: the run's final status, raised from deep in the drive to end it."""

    def __init__(self, status: Status, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def prepare_out_dir(out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"cannot write the run folder {out_dir}: {exc.strerror or exc}") from exc
    return out_dir


def run_cancel(
    settings: RunSettings,
    credentials: Callable[[], Credentials],
    ui: Interaction,
    site: Site = COURSERA,
    observe: Callable[[Page, Screen, FlowContext], None] | None = None,
    browser: Browser | None = None,
) -> RunResult:
    """Walk the cancellation flow; press the final button only with the person's typed approval.

    `browser`: an already launched browser to open this run's context in (tests run many
    runs in one process); by default the run launches its own and closes it.
    """
    out_dir = prepare_out_dir(settings.out_dir)
    started = time.monotonic()
    result = RunResult(
        status=Status.ERROR,
        message="",
        base_url=settings.base_url,
        dry_run=settings.dry_run,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        out_dir=out_dir,
    )
    session_path = session_file(settings.data_dir, settings.base_url)
    saved, problem = load_session(session_path)
    if problem:
        ui.info(problem)
    ctx = FlowContext(
        credentials,
        settings.reason,
        settings.timeout_ms,
        headless=settings.headless,
        human_timeout_ms=settings.human_timeout_s * 1000,
        info=ui.info,
        ask_secret=ui.ask_secret,
        choose=ui.choose,
        subscription=settings.subscription,
        session_reused=saved is not None,
    )
    walk: Walk | None = None
    pressed: list[str] = []  # "offer" or the confirming button's text, once such a click is sent
    try:
        with (
            clean_interrupts(),
            browser_page(settings.headless, storage_state=saved, browser=browser) as page,
        ):
            page.set_default_timeout(settings.timeout_ms)
            page.set_default_navigation_timeout(settings.timeout_ms)
            guard = DestructiveGuard(page.context, site.guard_rules)
            traffic = _Traffic(page, settings.base_url)
            walk = Walk(
                page,
                site.screens,
                settings.timeout_ms,
                capture=_Camera(page, out_dir, site, ctx, traffic.loading),
                on_step=ui.step,
                observe=(lambda page, screen: observe(page, screen, ctx)) if observe else None,
                load_problem=traffic.problem,
                loading=traffic.loading,
                obstacles=site.obstacles,
                activity=PageActivity(page),
                info=ui.info,
                signed_out=site.signed_out_screens,
            )
            walk.interrupt = _held_back(guard, walk)
            ctx.click, ctx.check, ctx.wait = walk.click, walk.check, walk.wait
            try:
                _drive(page, walk, ctx, site, settings, ui, guard, pressed)
            except _Outcome as outcome:
                result.status, result.message = outcome.status, outcome.message
            except (AutomatorError, PlaywrightError, KeyboardInterrupt) as exc:
                result.status, result.message = _failure(exc, _unsure(pressed), traffic, settings.timeout_s)
                result.details.update(_evidence(page, walk, out_dir, site, ctx, result.message))
            result.details["session"] = _keep_session(page, walk, site, session_path, saved, ui)
            if guard.blocked:
                result.details["blocked"] = {
                    "requests": [str(held) for held in guard.blocked],
                    "after": walk.last_action,
                    "stopped_within_s": walk.held_for,  # from holding it back to stopping the walk
                }
    except KeyboardInterrupt:
        result.status = Status.INTERRUPTED
        result.message = f"Interrupted. {_unsure(pressed)}"
    except PlaywrightError as exc:
        result.status = Status.ERROR
        result.message = f"The browser failed: {_first_line(exc)}. {NOT_CANCELLED}"
    finally:
        result.steps = walk.steps if walk else []
        result.subscription = _subscription(ctx)
        result.seconds = time.monotonic() - started
        write_run_json(result)
        write_report_html(result)
    return result


def _drive(
    page: Page,
    walk: Walk,
    ctx: FlowContext,
    site: Site,
    settings: RunSettings,
    ui: Interaction,
    guard: DestructiveGuard,
    pressed: list[str],
) -> None:
    page.goto(settings.base_url + site.start_path)
    run_id = uuid.uuid4().hex
    while True:
        screen, outcome = walk.run(ctx)
        walk.stop_if_interrupted()
        if not isinstance(outcome, AtOffer):
            break
        _decide_offer(page, walk, screen, outcome.offer, ctx, site, settings, ui, guard, run_id, pressed)
    if isinstance(outcome, Done):
        raise _Outcome(outcome.status, outcome.message)
    assert isinstance(outcome, AtConfirmation)
    confirmation = site.inspect_confirmation(page, ctx)  # a changed dialog stops here: drift
    walk.ready(confirmation.button, confirmation.label)  # disabled or covered: drift, before asking
    if settings.dry_run:
        _back_out(page, walk, confirmation, ctx, site)
        raise _Outcome(
            Status.DRY_RUN_COMPLETE,
            f"Dry run complete: the flow reached the final confirmation and backed out. {NOT_CANCELLED}",
        )
    approval = request_approval(run_id, _summary(ctx, confirmation), ui.ask_approval)
    if approval is None:
        _back_out(page, walk, confirmation, ctx, site)
        raise _Outcome(Status.DECLINED, f"You did not approve. {NOT_CANCELLED}")
    if not site.unchanged(page, confirmation):
        raise Drift(
            f"the final dialog changed while you were deciding, so '{confirmation.label}' was not pressed",
            step="confirm_cancel",
        )
    walk.ready(confirmation.button, confirmation.label)
    pressed.append(confirmation.label)
    try:
        press_approved(confirmation.button, approval, run_id, guard, settings.timeout_ms)
    except NotPressed:
        pressed.pop()
        raise
    try:
        notice = site.verify_cancelled(page, ctx)
    except (AutomatorError, PlaywrightError) as exc:
        notice = _look_again(page, walk, ctx, site, exc)
    step = walk.record_as("cancelled", "Cancelled state", note=notice)
    receipt = write_receipt(
        settings.data_dir, _receipt(ctx, notice, page.url), settings.out_dir / str(step.screenshot)
    )
    ui.info(f"Receipt kept in {receipt}")
    raise _Outcome(Status.CANCELLED, notice)


def _held_back(guard: DestructiveGuard, walk: Walk) -> Callable[[], str | None]:
    """What stops the walk at once: a request the guard held back, with the click that sent it."""

    def reason() -> str | None:
        if not guard.blocked:
            return None
        held = guard.blocked[0]
        walk.held_for = walk.held_for or round(time.monotonic() - held.at, 3)
        after = f", sent after clicking {walk.last_action}" if walk.last_action else ""
        return (
            f"the site tried to change your subscription before you approved: {held}{after}. "
            "The tool blocked it in the browser, so nothing was sent"
        )

    return reason


def _look_again(page: Page, walk: Walk, ctx: FlowContext, site: Site, exc: Exception) -> str:
    """After the confirming click, the page did not confirm it: read the Subscriptions page itself,
    signing in again if the session ended, so the person gets the site's answer, not a maybe.

    Only reads: it opens the page where the run found the subscription and acts on sign-in
    screens only. The cancellation is never sent again. Raises `exc` when it cannot tell.
    """
    url = walk.url_of("subscriptions")
    if url is None:
        raise exc
    what = _first_line(exc)
    if isinstance(exc, PlaywrightTimeout):
        what = f"no confirmation within {walk.timeout_ms / 1000:g} s"
    ctx.info(
        f"The page did not confirm the cancellation ({what}); reading Subscriptions to see what Coursera did."
    )
    _stop_if_loading(page, walk)
    button = ctx.facts.confirm_button or "the confirming button"
    walk.record_as("unconfirmed", f"After {button}: not confirmed", note=what, must_capture=False)
    try:
        page.goto(url)
        screen = walk.through(ctx, site.signed_out_screens)
        if screen.name != "subscriptions":  # signed in again, on the site's own landing page
            page.goto(url)
            screen = walk.current(after="sign_in")
        state = site.subscription_state(page, ctx) if screen.name == "subscriptions" else None
    except (AutomatorError, PlaywrightError):
        raise exc from None
    plan = ctx.facts.plan or "The subscription"
    if state == "cancelled":
        until = f"; access until {ctx.facts.access_until}" if ctx.facts.access_until else ""
        return f"Coursera's Subscriptions page shows {plan} as cancelled{until}."
    if state == "active":
        raise NotTaken(
            f"{what}. You approved and {button} was pressed, but Coursera's Subscriptions page "
            f"still shows {plan} as active. If the request reaches Coursera late it may still take "
            "effect: check Settings → Subscriptions on coursera.org, and run `automator cancel` "
            f"again if it stays active. The tool does not press {button} again by itself."
        )
    raise exc


def _decide_offer(
    page: Page,
    walk: Walk,
    screen: Screen,
    offer: Offer,
    ctx: FlowContext,
    site: Site,
    settings: RunSettings,
    ui: Interaction,
    guard: DestructiveGuard,
    run_id: str,
    pressed: list[str],
) -> None:
    """Decline, or, when the person typed their approval for it, take the offer and end the run."""
    record = {"kind": offer.kind, "title": offer.title, "decision": "declined"}
    ctx.facts.offers.append(record)
    if not settings.dry_run and offer.accept_label:
        summary = _summary(ctx, offer=f"{offer.title} ({offer.accept_label})")
        approval = request_approval(run_id, summary, ui.ask_offer, word=OFFER_WORD)
        if approval is not None:
            record["decision"] = "accepted"
            walk.ready(offer.accept, offer.accept_label)
            pressed.append("offer")
            try:
                press_approved(offer.accept, approval, run_id, guard, settings.timeout_ms)
            except NotPressed:
                pressed.pop()
                raise
            notice = site.verify_offer(page, offer, ctx)
            walk.record_as("offer_accepted", "Offer accepted", note=notice)
            raise _Outcome(
                Status.OFFER_ACCEPTED, f"You took the offer '{offer.title}' instead of cancelling. {notice}"
            )
    walk.leave(screen, site.decline_offer(page, offer, ctx))


def _summary(ctx: FlowContext, confirmation: Confirmation | None = None, offer: str | None = None) -> Summary:
    f = ctx.facts
    return Summary(
        f.plan or "your subscription",
        f.price,
        f.next_billing_date,
        f.access_until,
        offer=offer,
        button=confirmation.label if confirmation else "",
        terms=confirmation.terms if confirmation else None,
        trial_ends=(f.trial_ends or f.access_until or "the end of the trial") if f.trial else None,
    )


def _receipt(ctx: FlowContext, notice: str, url: str) -> dict[str, object]:
    f = ctx.facts
    return {
        "cancelled_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "plan": f.plan,
        "price": f.price,
        "access_until": f.access_until,
        **({"trial": True, "trial_ends": f.trial_ends} if f.trial else {}),
        "confirmation": notice,
        "url": url.split("?", 1)[0],
    }


def _keep_session(
    page: Page, walk: Walk, site: Site, path: Path, saved: dict[str, object] | None, ui: Interaction
) -> dict[str, bool]:
    """Save the browser's session once it got past the sign-in, so the next run skips it."""
    names = {step.name for step in walk.steps} - {"stopped"}
    signed_in = bool(names - site.signed_out_screens)
    reused = saved is not None and "sign_in" not in names
    if signed_in:
        try:
            save_session(path, dict(page.context.storage_state()))
        except (AutomatorError, PlaywrightError) as exc:
            ui.info(f"The session could not be saved: {exc}")
            signed_in = False
    return {"reused": reused, "saved": signed_in}


def _back_out(page: Page, walk: Walk, confirmation: Confirmation, ctx: FlowContext, site: Site) -> None:
    site.back_out(page, confirmation, ctx)
    screen = walk.current(after="confirm_cancel")
    walk.record(screen, note="backed out of the final dialog; nothing was sent")


class _Traffic:
    """What the site answered this run's page loads and the page's own calls (fetch, XHR), in
    order, and which of those it has not answered yet.

    It tells a site in trouble (no answer, a failed connection, HTTP 5xx) from a site that
    changed: the first is worth a retry later, the second is drift. Only the site's own
    origin counts: a third-party script that fails says nothing about the site. A call still
    open counts only once it has waited most of the time budget, so that a page's background
    polling does not hide drift.
    """

    WATCHED = ("document", "fetch", "xhr")

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.origin = _origin(base_url)
        self.answers: list[tuple[int, str, bool]] = []  # (status, URL, is a page load); 0: none
        self.waiting: dict[Any, tuple[str, float, bool]] = {}  # request -> (URL, sent at, page load)
        page.on("request", self._sent)
        page.on("response", self._answered)
        page.on("requestfailed", self._failed)

    def loading(self) -> bool:
        """A page load is waiting for the site's answer."""
        return any(load for _url, _sent, load in self.waiting.values())

    def problem(self) -> str | None:
        """The page showing is the site's error page (HTTP 5xx): waiting for a screen is futile."""
        loads = [a for a in self.answers if a[2]]
        if loads and loads[-1][0] >= 500 and _short_url(self.page.url) == loads[-1][1]:
            return f"HTTP {loads[-1][0]}"
        return None

    def trouble(self, timeout_s: float) -> str | None:
        """The site's failure that explains a stop, in words; None when the site answered fine."""
        now = time.monotonic()
        unanswered = [
            url for url, sent, load in self.waiting.values() if load or now - sent >= 0.8 * timeout_s
        ]
        if unanswered:
            return (
                f"The site did not answer {unanswered[0]} within {timeout_s:g} s: it may be slow "
                "or down. Try again later, or allow more time with --timeout"
            )
        if not self.answers:
            return None
        status, url, _ = self.answers[-1]
        if status == 0:
            return f"The connection to the site failed at {url}. Check the network and try again"
        if status >= 500:
            return f"The site answered HTTP {status} at {url}: it is having trouble. Try again later"
        return None

    def _watched(self, request: Any) -> bool:
        if request.resource_type not in self.WATCHED or _origin(request.url) != self.origin:
            return False
        return request.resource_type != "document" or request.frame == self.page.main_frame

    def _sent(self, request: Any) -> None:
        if self._watched(request):
            load = bool(request.is_navigation_request())
            self.waiting[request] = (_short_url(request.url), time.monotonic(), load)

    def _answered(self, response: Any) -> None:
        request = response.request
        if not self._watched(request):
            return
        if request.is_navigation_request():
            self.waiting.clear()  # a new page: what the old one still waited for is moot
        self.waiting.pop(request, None)
        self.answers.append((response.status, _short_url(response.url), request.is_navigation_request()))

    def _failed(self, request: Any) -> None:
        if not self._watched(request):
            return
        if "ERR_ABORTED" in (request.failure or ""):
            return  # given up by the browser (or by stop_loading), not refused: still unanswered
        if "ERR_BLOCKED_BY_CLIENT" in (request.failure or ""):
            self.waiting.pop(request, None)  # held back by the guard: never sent, not the site's failure
            return
        self.waiting.pop(request, None)
        url = f"{_short_url(request.url)} ({request.failure or 'no answer'})"
        self.answers.append((0, url, request.is_navigation_request()))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _short_url(url: str) -> str:
    return url.split("?", 1)[0]


def _failure(exc: BaseException, tail: str, traffic: _Traffic, timeout_s: float) -> tuple[Status, str]:
    """The status and message for a run that stopped on `exc`; `tail` says what became of the account."""
    if isinstance(exc, KeyboardInterrupt):
        return Status.INTERRUPTED, f"Interrupted. {tail}"
    if isinstance(exc, NotTaken):
        return Status.ERROR, str(exc)
    if isinstance(exc, NotPressed):
        return Status.ERROR, f"You approved, but {exc}, so nothing was sent. {NOT_CANCELLED}"
    # Drift, a refused sign-in or a timeout can all be the site failing to answer: that is
    # worth a retry later, not a bug report about a changed site, nor a wrong password.
    explains = isinstance(exc, (Drift, SignInFailed, PlaywrightError)) and not isinstance(exc, HeldBack)
    trouble = traffic.trouble(timeout_s) if explains else None
    if trouble:
        return Status.ERROR, f"{trouble}. {tail}"
    if tail is not NOT_CANCELLED:
        return Status.ERROR, f"{_first_line(exc)}. {tail}"
    if isinstance(exc, AutomatorError):
        where = f" (step: {exc.step})" if isinstance(exc, Drift) and exc.step else ""
        return exc.status, f"{str(exc).rstrip('.')}{where}. {tail}"
    return Status.ERROR, f"The page did not respond as expected: {_first_line(exc)}. {tail}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip(".") if text else type(exc).__name__


class _Camera:
    """The run's screenshots: masked, bounded in time, asked again when Chromium gave no frame.

    While the flow walks, a capture with no answer waits for the page's document and asks
    again (a navigation can swap the page's surface under the capture on a loaded machine).
    Once the run has stopped, `stopping` makes it stop a page load the site has not answered
    instead: a load still waiting holds every capture until it times out, and the stopped
    page is what the person needs to see."""

    def __init__(self, page: Page, out_dir: Path, site: Site, ctx: FlowContext, loading: Callable[[], bool]):
        self.page, self.out_dir, self.site, self.ctx, self.loading = page, out_dir, site, ctx, loading
        self.counter = iter(range(1, 1000))
        self.stopping = False

    def __call__(self, name: str) -> str:
        file = f"{next(self.counter):02d}-{name}.png"
        for _ in range(SCREENSHOT_ATTEMPTS - 1):
            try:
                return self._shoot(file)
            except PlaywrightError as exc:
                if NO_FRAME not in str(exc) and not isinstance(exc, PlaywrightTimeout):
                    raise
                if not self.stopping:
                    self.page.wait_for_load_state("domcontentloaded")
        return self._shoot(file)

    def _shoot(self, file: str) -> str:
        page = self.page
        if self.stopping and self.loading():
            stop_loading(page)
        # The browser's own error page holds nothing personal, and a masked capture of it was
        # seen to wait until it timed out (the masks are placed by scripts run in the page).
        masks = [] if page.url.startswith("chrome-error://") else self.site.masks(page, self.ctx)
        page.screenshot(
            path=self.out_dir / file, mask=masks, animations="disabled", caret="hide",
            timeout=SCREENSHOT_TIMEOUT_MS,
        )
        return file


def _stop_if_loading(page: Page, walk: Walk) -> None:
    """Stop a page load the site has not answered, so the page can be read and shot as it is.

    Only then: a stop sent while the browser commits its own error page (the load failed)
    can leave the page with no frame to capture."""
    if walk.loading():
        stop_loading(page)


def _evidence(
    page: Page, walk: Walk, out_dir: Path, site: Site, ctx: FlowContext, message: str
) -> dict[str, str]:
    """On a stop: a masked screenshot and the page's HTML (personal strings scrubbed)."""
    saved: dict[str, str] = {}
    # A stop must stay quick, whatever the step budget: a loaded machine still gets 5 s a call.
    page.set_default_timeout(EVIDENCE_TIMEOUT_MS)
    if isinstance(walk.capture, _Camera):
        walk.capture.stopping = True
    _stop_if_loading(page, walk)
    with contextlib.suppress(PlaywrightError):  # the browser's own error page may be on its way
        page.wait_for_load_state("load", timeout=EVIDENCE_TIMEOUT_MS)  # not the navigation timeout
    step = walk.record_as("stopped", "Where the run stopped", note=message, must_capture=False)
    if step.screenshot is None:
        # The page started loading again under the screenshot (a script's own navigation,
        # after the first stop): stop it once more and take the page as it is now.
        _stop_if_loading(page, walk)
        with contextlib.suppress(PlaywrightError):
            step.screenshot = walk.capture("stopped")
    try:
        (out_dir / "page.html").write_text(site.scrub(page_html(page), ctx), encoding="utf-8")
        saved["page_html"] = "page.html"
    except (PlaywrightError, OSError):
        pass  # the browser may be gone; the report still says what happened
    return saved


def _subscription(ctx: FlowContext) -> dict[str, object]:
    f = ctx.facts
    data: dict[str, object] = {
        "plan": f.plan,
        "price": f.price,
        "next_billing_date": f.next_billing_date,
        "access_until": f.access_until,
        "survey_reason": f.reason,
        "offers": f.offers,
        "end_date_choice": f.end_date_choice,
        "route": f.route,
        "billing": f.billing,
        "trial": f.trial or None,
        "trial_ends": f.trial_ends,
        "all_subscriptions": f.subscriptions,
    }
    return {k: v for k, v in data.items() if v not in (None, [], {})}
