"""A page as a PDF with selectable text, printed by Chromium from a scrubbed copy, never the page.

The copy is the page's HTML as it is now, with the person's name, email and card digits
scrubbed by the site, loaded into a fresh browser context that runs no script and fetches
nothing but stylesheets (no image: an avatar is a photo of the person; no frame, no
redirect). What the site masks in screenshots is masked in the copy too, the same colour,
its text replaced by bullets (the initials in an avatar, a field's value). Then it is
printed. So the PDF holds what the page said, and nothing the masked screenshot hides.

Chromium prints headless (Playwright documents `page.pdf()` for headless Chromium only), so a
run in a visible browser prints its copy in a headless browser of its own, launched by the
same Playwright with the same choice of executable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from playwright.sync_api import Browser, Locator, Page, Route

from automator.browser import choose_browser, installed_executable, launch_options

_HEAD = re.compile(r"<head\b[^>]*>", re.I)
Masks = Callable[[Page], list[Locator]]
# Playwright's own mask colour, as in the screenshots (the report's legend says what it hides).
MASK_COLOUR = "#FF00FF"
_MASK = """(elements, colour) => elements.forEach((element) => {
  for (const part of [element, ...element.querySelectorAll("*")]) {
    part.style.setProperty("background", colour, "important");
    part.style.setProperty("color", "transparent", "important");
    if (part.hasAttribute("value")) part.setAttribute("value", "");
  }
  const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    text.data = text.data.replace(/\\S/g, "\u2022");
  }
})"""


def print_copy(page: Page, html: str, masks: Masks, headless: bool) -> bytes:
    """`html` (a scrubbed copy of `page`) as Chromium prints it, its links resolved against the
    page's address and `masks` (of the copy) masked. `headless`: whether `page`'s browser is a
    headless one, which can print."""
    browser = page.context.browser
    assert browser is not None, "a page of a persistent context has no browser to print in"
    if headless:
        return _printed(browser, html, page.url, masks)
    kind = browser.browser_type
    executable = choose_browser(installed_executable(kind), headless=True)
    launched = kind.launch(**launch_options(executable, headless=True))
    try:
        return _printed(launched, html, page.url, masks)
    finally:
        launched.close()


def _printed(browser: Browser, html: str, url: str, masks: Masks) -> bytes:
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    try:
        context.route("**/*", _stylesheets_only)
        copy = context.new_page()
        copy.set_content(with_base(html, url), wait_until="load")
        for mask in masks(copy):
            mask.evaluate_all(_MASK, MASK_COLOUR)
        return copy.pdf(print_background=True, prefer_css_page_size=True)
    finally:
        context.close()


def _stylesheets_only(route: Route) -> None:
    if route.request.resource_type == "stylesheet":
        route.continue_()
    else:
        route.abort()


def with_base(html: str, url: str) -> str:
    """`html` with a <base> first in its head, so that its relative stylesheets load from `url`."""
    base = f'<base href="{escape(url, quote=True)}">'
    head = _HEAD.search(html)
    if head is None:
        return base + html
    return html[: head.end()] + base + html[head.end() :]

