"""The read-only walk of `automator status` and `automator remind`: to the list of subscriptions,
and no further.

It acts only on the screens of the site's way there (`HoldingsPage.way`: the sign-in, the
account menu, the settings), reads the list where it shows, and stops: nothing on that page is
pressed, so no cancellation dialog ever opens. Any other screen met on the way is drift. As in
every run, the in-browser guard (approval.py) holds back every account-changing request the
page might make, and this walk never spends an approval, so nothing can lift it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from playwright.sync_api import Browser

from automator.cancel import Run
from automator.credentials import Credentials
from automator.errors import ConfigError, Drift
from automator.holdings import Holding, HoldingsPage
from automator.interaction import Interaction
from automator.language import check_language
from automator.reach import open_page
from automator.report import RunResult
from automator.runs import Ending, carry_out
from automator.settings import RunSettings
from automator.sites import site_named
from automator.sites.base import Site
from automator.start import begin
from automator.status import Status

NOTHING_CHANGED = "Nothing was pressed on it; nothing was changed."


@dataclass(frozen=True)
class Listing:
    """What the walk read, or why it could not: `holdings` is None when the list was not reached
    (`result` says why, with its status); `site` is the site in the language the list was read in."""

    result: RunResult
    holdings: list[Holding] | None
    site: Site


class Look(Run):
    """A run that walks to the list of subscriptions, reads it, and stops there."""

    holdings: list[Holding] | None = None

    def _walk(self) -> Ending:
        listing = _holdings_page(self.site)
        response = open_page(self.page, self.url)  # a site never reached ends the run at once
        check_language(self.page, self.site, response, step="start")
        screen = self.walk.through(self.ctx, listing.way)
        if screen.name != listing.screen:
            raise Drift(
                f"on the way to the subscriptions, '{screen.title}' showed (the site may have changed)",
                step=self.walk.previous,
            )
        self.page.wait_for_load_state("domcontentloaded", timeout=self.settings.timeout_ms)
        holdings = listing.read(self.page, self.ctx)
        self.walk.stop_if_interrupted()  # the page tried to change the account meanwhile: say so
        self.walk.record(screen, note=f"read {_count(holdings)}; nothing pressed")
        self.holdings = holdings
        self.details["holdings"] = [asdict(holding) for holding in holdings]
        read = f"Read the list of subscriptions: {_count(holdings)}. {NOTHING_CHANGED}"
        return Ending(Status.DRY_RUN_COMPLETE, read)


def run_status(
    settings: RunSettings,
    credentials: Callable[[], Credentials],
    ui: Interaction,
    browser: Browser | None = None,
) -> Listing:
    """Walk to the list of subscriptions and read it; a dry run whatever `settings` say.

    `browser`: an already launched browser to open the run's context in (see run_cancel)."""
    _holdings_page(site_named(settings.site))  # a site with no such list fails before any browser
    runs: list[Run] = []
    start = begin(replace(settings, dry_run=True), credentials, ui)
    result = carry_out(start, ui, Look, browser, runs.append)
    look = runs[-1] if runs else None
    if isinstance(look, Look) and look.holdings is not None and result.status is Status.DRY_RUN_COMPLETE:
        return Listing(result, look.holdings, look.site)
    return Listing(result, None, look.site if look else site_named(settings.site))


def _holdings_page(site: Site) -> HoldingsPage:
    if site.holdings is None:
        raise ConfigError(f"the tool cannot read {site.title}'s list of subscriptions")
    return site.holdings


def _count(holdings: list[Holding]) -> str:
    return f"{len(holdings)} subscription{'' if len(holdings) == 1 else 's'}"
