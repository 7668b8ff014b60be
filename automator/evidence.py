"""What a run keeps of the pages it saw: masked screenshots, and a stopped page's HTML.

Captures are bounded in time and asked again when Chromium had no frame to give. Once the run
has stopped, a page load the site never answers is stopped rather than waited out: while it is
pending the page answers nothing, and the stopped page is what the person needs to see.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.browser import page_html, stop_loading
from automator.errors import AutomatorError
from automator.flow import Walk
from automator.masks import masked_screenshot
from automator.messages import first_line
from automator.printing import print_copy
from automator.sites.base import FlowContext, Site

# Chromium's answer when it has no frame to capture at that moment; worth asking again.
NO_FRAME = "Unable to capture screenshot"
SCREENSHOT_ATTEMPTS = 3
# A capture takes a tenth of a second; one that has had no answer this long will not get one
# (seen on a loaded machine, on the browser's own error page just after it committed): ask again.
SCREENSHOT_TIMEOUT_MS = 3000
EVIDENCE_TIMEOUT_MS = 5000  # the most any one call may take while saving a stopped run's evidence


class Camera:
    """The run's screenshots: masked, bounded in time, asked again when Chromium gave no frame.

    While the flow walks, a capture with no answer waits for the page's document and asks
    again (a navigation can swap the page's surface under the capture on a loaded machine).
    Once the run has stopped, `stopping` makes it stop a page load the site has not answered
    instead: a load still waiting holds every capture until it times out."""

    def __init__(self, page: Page, out_dir: Path, site: Site, ctx: FlowContext, loading: Callable[[], bool]):
        self.page, self.out_dir, self.site, self.ctx, self.loading = page, out_dir, site, ctx, loading
        self.counter = iter(range(1, 1000))
        self.stopping = False
        self.every_screen = True  # False: only once the run has stopped (RunSettings.every_screenshot)

    def __call__(self, name: str) -> str | None:
        file = f"{next(self.counter):02d}-{name}.png"
        if not (self.every_screen or self.stopping):
            return None
        for _ in range(SCREENSHOT_ATTEMPTS - 1):
            try:
                return self._shoot(file)
            except PlaywrightError as exc:
                if NO_FRAME not in str(exc) and not isinstance(exc, PlaywrightTimeout):
                    raise
                if not self.stopping:
                    self.page.wait_for_load_state("domcontentloaded")
        return self._shoot(file)

    @contextlib.contextmanager
    def proof(self) -> Iterator[None]:
        """Within the block, every capture is taken: it is the person's proof (the receipt)."""
        every_screen, self.every_screen = self.every_screen, True
        try:
            yield
        finally:
            self.every_screen = every_screen

    def stop_if_loading(self) -> None:
        """Stop a page load the site has not answered, so the page can be read and shot as it is.

        Only then: a stop sent while the browser commits its own error page (the load failed)
        can leave the page with no frame to capture."""
        if self.loading():
            stop_loading(self.page)

    def _shoot(self, file: str) -> str:
        page = self.page
        if self.stopping:
            self.stop_if_loading()
        # The browser's own error page holds nothing personal, and a masked capture of it was
        # seen to wait until it timed out (the masks are placed by scripts run in the page).
        masks = [] if page.url.startswith("chrome-error://") else self.site.masks(page, self.ctx)
        # A stopped run's page may have a load pending: whole boxes, in the screenshot's own time.
        masked_screenshot(page, masks, self.out_dir / file, SCREENSHOT_TIMEOUT_MS, whole=self.stopping)
        return file


def save_evidence(walk: Walk, camera: Camera, message: str) -> dict[str, str]:
    """On a stop: a masked screenshot and the page's HTML (personal strings scrubbed)."""
    page = camera.page
    saved: dict[str, str] = {}
    # A stop must stay quick, whatever the step budget: a loaded machine still gets 5 s a call.
    page.set_default_timeout(EVIDENCE_TIMEOUT_MS)
    camera.stopping = True
    camera.stop_if_loading()
    with contextlib.suppress(PlaywrightError):  # the browser's own error page may be on its way
        page.wait_for_load_state("load", timeout=EVIDENCE_TIMEOUT_MS)  # not the navigation timeout
    step = walk.record_as("stopped", "Where the run stopped", note=message, must_capture=False, stopped=True)
    if step.screenshot is None:
        # The page started loading again under the screenshot (a script's own navigation,
        # after the first stop): stop it once more and take the page as it is now.
        with contextlib.suppress(PlaywrightError):
            step.screenshot = walk.capture("stopped")
    try:
        html = camera.site.scrub(page_html(page), camera.ctx)
        (camera.out_dir / "page.html").write_text(html, encoding="utf-8")
        saved["page_html"] = "page.html"
    except (PlaywrightError, OSError):
        pass  # the browser may be gone; the report still says what happened
    return saved


def receipt_pdf(camera: Camera) -> bytes | None:
    """The page as a PDF with its text, printed from a scrubbed copy (automator.printing); None,
    and the person told, when it cannot be printed: the receipt keeps its picture and record."""
    page, ctx = camera.page, camera.ctx
    try:
        html = camera.site.scrub(page_html(page), ctx)
        return print_copy(page, html, lambda copy: camera.site.masks(copy, ctx), ctx.headless)
    except (AutomatorError, PlaywrightError) as exc:  # no headless browser to print in, say
        ctx.info(f"The receipt's PDF could not be made ({first_line(exc)}); its screenshot is kept.")
        return None
