"""How any run is carried out, whatever it walks to (a cancellation, or the read-only walk of
`automator status`): in a browser set to the site's language, again in another when the site
turns out to speak it, and recorded in run.json and report.html however it ends.

A run's steps end with an `Ending`, the run's status and message.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from automator.browser import browser_page, clean_interrupts
from automator.facts import subscription_facts
from automator.interaction import Interaction
from automator.language import LanguageChange
from automator.messages import NOT_CANCELLED, first_line, unsure
from automator.report import RunResult, write_report_html, write_run_json
from automator.start import MAX_LANGUAGES, Start
from automator.status import Status

if TYPE_CHECKING:
    from automator.cancel import Run

Hooks = Callable[["Run"], None]  # sets up each Run made, before it walks


@dataclass(frozen=True)
class Ending:
    """How a run ended: its status and the message the person reads."""

    status: Status
    message: str


def carry_out(
    start: Start, ui: Interaction, kind: type[Run], browser: Browser | None, hooks: Hooks
) -> RunResult:
    """A run of `kind` (Run, or a subclass that walks elsewhere) from `start`, in as many browsers as
    the site's languages take; run.json and report.html however it ends. `hooks` sees each Run made."""
    result, ending = start.result, Ending(Status.ERROR, "")
    try:
        with clean_interrupts():
            for _ in range(MAX_LANGUAGES):
                run, ending = _attempt(start, ui, kind, browser, hooks)
                if run is not None:
                    break
    except KeyboardInterrupt:
        ending = Ending(Status.INTERRUPTED, f"Interrupted. {unsure(start.pressed, start.site)}")
    except PlaywrightError as exc:
        ending = Ending(Status.ERROR, f"The browser failed: {first_line(exc)}. {NOT_CANCELLED}")
    finally:
        result.status, result.message = ending.status, ending.message
        result.steps = start.steps
        result.subscription = subscription_facts(start.ctx, start.site)
        result.seconds = time.monotonic() - start.started
        write_run_json(result)
        write_report_html(result)
    return result


def _attempt(
    start: Start, ui: Interaction, kind: type[Run], browser: Browser | None, hooks: Hooks
) -> tuple[Run | None, Ending]:
    """The walk in a browser set to the site's language; (None, …) when the site turned out to
    speak another of its languages, and `start` now says where to go on from."""
    settings, site = start.settings, start.site
    opened = browser_page(settings.headless, storage_state=start.saved, browser=browser, locale=site.locale)
    with opened as page:
        run = kind(page, settings, ui, site, start.ctx)
        run.resume(start)
        hooks(run)
        try:
            ending = run.go()
        except LanguageChange as change:
            ui.info(start.again_in(change, page.context.storage_state()))
            return None, Ending(Status.ERROR, f"The site kept changing its language. {NOT_CANCELLED}")
        start.result.details.update(run.details)
        start.result.details.update(run.kept(start.session_path, reused=start.reused))
    return run, ending
