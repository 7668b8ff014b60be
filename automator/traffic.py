"""What the site answered a run's page: tells a site in trouble from a site that changed.

A run that stops on a timeout or an unknown page may be looking at a site that is slow, down
or failing (worth a retry later), not one that changed (drift, worth a bug report). The
Traffic record of the page's own loads and calls says which.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page

from automator.reach import never_reached


class Traffic:
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
        self.origin = origin_of(base_url)
        # (status, URL, is a page load, Chromium's failure); status 0: no answer, the failure says why
        self.answers: list[tuple[int, str, bool, str]] = []
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
        if loads and loads[-1][0] >= 500 and short_url(self.page.url) == loads[-1][1]:
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
        status, url, _, failed = self.answers[-1]
        if status == 0:
            # Never reached the site (a name, a port), in the words for its case; else dropped.
            dropped = f"The connection to the site failed at {url} ({failed})"
            return never_reached(failed, url) or f"{dropped}. Check the network and try again"
        if status >= 500:
            return f"The site answered HTTP {status} at {url}: it is having trouble. Try again later"
        return None

    def _watched(self, request: Any) -> bool:
        if request.resource_type not in self.WATCHED or origin_of(request.url) != self.origin:
            return False
        return bool(request.resource_type != "document" or request.frame == self.page.main_frame)

    def _sent(self, request: Any) -> None:
        if self._watched(request):
            load = bool(request.is_navigation_request())
            self.waiting[request] = (short_url(request.url), time.monotonic(), load)

    def _answered(self, response: Any) -> None:
        request = response.request
        if not self._watched(request):
            return
        if request.is_navigation_request():
            self.waiting.clear()  # a new page: what the old one still waited for is moot
        self.waiting.pop(request, None)
        self.answers.append((response.status, short_url(response.url), request.is_navigation_request(), ""))

    def _failed(self, request: Any) -> None:
        if not self._watched(request):
            return
        if "ERR_ABORTED" in (request.failure or ""):
            return  # given up by the browser (or by stop_loading), not refused: still unanswered
        if "ERR_BLOCKED_BY_CLIENT" in (request.failure or ""):
            self.waiting.pop(request, None)  # held back by the guard: never sent, not the site's failure
            return
        self.waiting.pop(request, None)
        failed = request.failure or "no answer"
        self.answers.append((0, short_url(request.url), request.is_navigation_request(), failed))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def short_url(url: str) -> str:
    return url.split("?", 1)[0]
