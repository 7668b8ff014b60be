"""Telling which screen the page shows: `match` picks the highest-priority screen showing now
(minding open modal dialogs, and answering `UNKNOWN_DIALOG` for a dialog no screen knows),
`recognise` waits for one first, and `visible` and `open_dialogs` are the small waits and
locators the engine and the sites share.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.flow.screens import Outcome, Screen


def open_dialogs(page: Page) -> Locator:
    """Visible modal dialogs (ARIA dialog or alertdialog)."""
    return page.get_by_role("dialog").or_(page.get_by_role("alertdialog")).filter(visible=True)


def match(page: Page, screens: Sequence[Screen]) -> Screen | None:
    """The highest-priority screen showing now, without waiting.

    While a modal dialog is open only screens that can be a dialog match, and the marker of
    one that can also be a page must lie inside the dialog: a known page under an unknown
    dialog is not that page. UNKNOWN_DIALOG when a dialog is open and none matches.
    """
    dialogs = open_dialogs(page)
    dialog_open = dialogs.count() > 0
    for screen in screens:
        if screen.where == ("dialog" if not dialog_open else "page"):
            continue
        marker = screen.marker(page).filter(visible=True)
        if screen.where == "either" and dialog_open:
            if dialogs.filter(has=marker).count():
                return screen
        elif marker.count():
            return screen
    return UNKNOWN_DIALOG if dialog_open else None


def recognise(page: Page, screens: Sequence[Screen], timeout_ms: float) -> Screen | None:
    """Wait up to timeout_ms for a marker of `screens`, then `match` (for tools and tests)."""
    try:
        any_marker(page, screens).first.wait_for(state="visible", timeout=timeout_ms)
    except PlaywrightTimeout:
        return None
    return match(page, screens)


def any_marker(page: Page, screens: Sequence[Screen]) -> Locator:
    """Whatever shows of `screens`' markers, or an open dialog: something to recognise."""
    combined = open_dialogs(page)
    for screen in screens:
        combined = combined.or_(screen.marker(page))
    return combined.filter(visible=True)


def visible(locator: Locator, timeout_ms: float) -> bool:
    """Whether `locator` is (or becomes) visible within `timeout_ms`."""
    try:
        locator.wait_for(state="visible", timeout=timeout_ms)
    except PlaywrightTimeout:
        return False
    return True


def _never(page: Page, context: Any) -> Outcome:
    raise AssertionError("the unknown-dialog screen is never acted on")


# What match() returns when a modal dialog no screen knows is open over the page.
UNKNOWN_DIALOG = Screen("unknown_dialog", "Unknown dialog", open_dialogs, _never, where="dialog")
