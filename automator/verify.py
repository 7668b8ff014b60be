"""After the confirming click: what the site shows, read rather than assumed.

When the page does not confirm the cancellation, the Subscriptions page is read again (signing
in again if the session ended), so the person gets the site's answer, not a maybe. It only
reads: the cancellation is never sent again.
"""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.errors import AutomatorError, NotTaken
from automator.evidence import Camera
from automator.flow import Walk
from automator.messages import first_line
from automator.sites.base import FlowContext, Site


class LookAgain:
    """Reads the subscription's state after a confirming click the page did not confirm."""

    def __init__(self, page: Page, walk: Walk, ctx: FlowContext, site: Site, camera: Camera) -> None:
        self.page, self.walk, self.ctx, self.site, self.camera = page, walk, ctx, site, camera

    def __call__(self, exc: Exception) -> str:
        """After the confirming click, the page did not confirm it: read the Subscriptions page
        itself, signing in again if the session ended, so the person gets the site's answer.

        Only reads: it opens the page where the run found the subscription and acts on sign-in
        screens only. The cancellation is never sent again. Raises `exc` when it cannot tell.
        """
        url = self.walk.url_of("subscriptions")
        if url is None:
            raise exc
        what = first_line(exc)
        if isinstance(exc, PlaywrightTimeout):
            what = f"no confirmation within {self.walk.timeout_ms / 1000:g} s"
        self.ctx.info(
            f"The page did not confirm the cancellation ({what}); "
            f"reading Subscriptions to see what {self.site.title} did."
        )
        self.camera.stop_if_loading()
        button = self.ctx.facts.confirm_button or "the confirming button"
        self.walk.record_as("unconfirmed", f"After {button}: not confirmed", note=what, must_capture=False)
        try:
            state = self._subscription_state(url)
        except (AutomatorError, PlaywrightError) as again:
            self.ctx.info(f"Reading Subscriptions again failed too: {first_line(again)}")
            raise exc from None
        return self._state_notice(state, what, button, exc)

    def _subscription_state(self, url: str) -> str | None:
        self.page.goto(url)
        screen = self.walk.through(self.ctx, self.site.signed_out_screens)
        if screen.name != "subscriptions":  # signed in again, on the site's own landing page
            self.page.goto(url)
            screen = self.walk.current(after="sign_in")
        return self.site.subscription_state(self.page, self.ctx) if screen.name == "subscriptions" else None

    def _state_notice(self, state: str | None, what: str, button: str, exc: Exception) -> str:
        facts, site, home = self.ctx.facts, self.site.title, self.site.home
        plan = facts.plan or "The subscription"
        if state == "cancelled":
            until = f"; access until {facts.access_until}" if facts.access_until else ""
            return f"{site}'s Subscriptions page shows {plan} as cancelled{until}."
        if state == "active":
            raise NotTaken(
                f"{what}. You approved and {button} was pressed, but {site}'s Subscriptions page "
                f"still shows {plan} as active. If the request reaches {site} late it may still take "
                f"effect: check Settings → Subscriptions on {home}, and run `automator cancel` "
                f"again if it stays active. The tool does not press {button} again by itself."
            )
        raise exc
