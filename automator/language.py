"""Which language a page is in, and a stop when the site has no word table for it.

A site's screens are recognised by the words a person reads there, one table per language. A
page in a language with no table can never be a screen the flow knows: the run says so at
once, naming the language, instead of waiting for a screen that cannot come. The language is
read from the page itself: `<html lang>`, else the response's `Content-Language`.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from automator.errors import UnknownLanguage
from automator.sites.base import Site

# Names for the tags a person is likely to meet; any other tag is shown as it is.
NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French",
    "hi": "Hindi", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian", "sv": "Swedish",
    "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese",
}
TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
READ_LANG = "() => document.documentElement ? document.documentElement.lang : ''"


def normalise(tag: str | None) -> str | None:
    """A BCP 47 tag as `ll` or `ll-RR` (`pt-br` → `pt-BR`); None for an empty or malformed one.
    A header's first entry counts (`Content-Language: es-419, es`)."""
    tag = (tag or "").split(",")[0].strip().replace("_", "-")
    if not TAG.match(tag):
        return None
    primary, *rest = tag.split("-")
    return "-".join([primary.lower(), *(part.upper() if len(part) == 2 else part for part in rest)])


def name_of(tag: str) -> str:
    return NAMES.get(tag.split("-")[0], tag)


def page_language(page: Page, response: Any = None) -> str | None:
    """The page's language tag, from `<html lang>` or the response's Content-Language."""
    try:
        found = normalise(str(page.evaluate(READ_LANG) or ""))
    except PlaywrightError:  # between two documents: ask the response
        found = None
    if found is None and response is not None:
        found = normalise(response.headers.get("content-language"))
    return found


class LanguageChange(Exception):
    """The page is in another language the site has words for: the run goes on from `url`
    with those words, in a browser set to their locale."""

    def __init__(self, site: Site, url: str, tag: str) -> None:
        super().__init__(f"the page at {url} is in {name_of(tag)} ({tag})")
        self.site, self.url, self.tag = site, url, tag


def check_language(page: Page, site: Site, response: Any = None, step: str | None = None) -> None:
    """Raise LanguageChange when the page is in another of the site's languages, and
    UnknownLanguage when it is in one the site has no words for; a page that declares no
    language, or the site's own, passes."""
    tag = page_language(page, response)
    if tag is None:
        return
    table = site.table_for(tag)
    if table is None:
        raise unknown_language(site, tag, step)
    if table != site.language and site.in_language is not None:
        raise LanguageChange(site.in_language(table), page.url, tag)


def unknown_language(site: Site, tag: str, step: str | None = None) -> UnknownLanguage:
    """The stop for a page in `tag`, a language `site` has no table for."""
    known = ", ".join(f"{name_of(t)} ({t})" for t in site.languages)
    return UnknownLanguage(
        f"{site.title} shows this page in {name_of(tag)} (lang={tag}), and the tool knows the "
        f"words of {known} only, so it stopped before clicking anything further",
        site.language_help,
        step=step,
    )
