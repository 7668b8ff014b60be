"""When has a page settled? Its document has loaded, and neither the network nor the DOM has
changed for a short while.

The flow asks this while it waits for a screen it knows: a page that has settled without
showing one never will, so the run stops there instead of waiting out the step's whole time
budget, which is for pages still loading. A request still open (a slow or hanging answer)
keeps the page unsettled: that is the site being slow, and the budget applies.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

# Long enough for a single-page app that renders a step 1.5 s after a click, without a
# request, to count as still busy.
QUIET_S = 2.5
# Requests that say nothing about whether the page is still being built.
IGNORED_TYPES = frozenset({"websocket", "eventsource", "ping", "image", "media", "font", "manifest", "other"})

# Marks every change of the DOM with the page's own clock; read by `settled`.
MARK_CHANGES = """
(() => {
  const mark = () => { window.__automatorChanged = performance.now(); };
  mark();
  new MutationObserver(mark).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true
  });
})();
"""
QUIET_FOR_MS = """() => document.readyState === "complete"
  ? performance.now() - (window.__automatorChanged || 0) : -1"""


class PageActivity:
    """Counts the page's open requests and reads how long its DOM has been quiet."""

    def __init__(self, page: Page, quiet_s: float = QUIET_S) -> None:
        self.page = page
        self.quiet_s = quiet_s
        self.open: set[Any] = set()
        self.changed = time.monotonic()  # the last request sent or finished
        page.add_init_script(MARK_CHANGES)
        page.on("request", self._sent)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._done)

    def settled(self) -> bool:
        """True when the document is complete, no request is open, and nothing changed for quiet_s."""
        if self.open or time.monotonic() - self.changed < self.quiet_s:
            return False
        try:
            quiet_ms = float(self.page.evaluate(QUIET_FOR_MS))
        except PlaywrightError:  # between two documents: not settled
            return False
        return quiet_ms >= self.quiet_s * 1000

    def _sent(self, request: Any) -> None:
        if request.resource_type not in IGNORED_TYPES:
            self.open.add(request)
            self.changed = time.monotonic()

    def _done(self, request: Any) -> None:
        if request in self.open:
            self.open.discard(request)
            self.changed = time.monotonic()
