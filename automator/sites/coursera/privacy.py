"""What is personal on Coursera's pages, and how it is kept out of screenshots and saved pages."""

from __future__ import annotations

import html
import re

from playwright.sync_api import Locator, Page

from automator.personal import EMAIL_SHAPE, card_digits
from automator.sites.base import FlowContext
from automator.sites.coursera.locators import Locators
from automator.sites.coursera.strings import TABLES

# Saved pages and snapshots are scrubbed with the words of every language: more is safer.
ANY_CARD_DIGITS = card_digits(*(table.card_ending for table in TABLES.values()))
# Every field a person can type into: sign-in fields, and profile fields that show a name or
# an email as a value (get_by_text cannot see values).
FIELDS = (
    "input:not([type=radio]):not([type=checkbox]):not([type=submit]):not([type=button])"
    ":not([type=hidden]):not([type=search]), textarea"
)

# What `Privacy.masks` hides, in words, for the report's legend: keep it in step with masks().
MASKED = (
    "every field you can type in (the email and password as typed, profile fields)",
    "your name (in the account menu, a greeting, anywhere it shows)",
    "every email address",
    "the payment method's card digits",
)


class Privacy:
    """Masks and scrubbing for one language's pages."""

    def __init__(self, loc: Locators) -> None:
        self.loc = loc
        self.card_digits = card_digits(loc.s.card_ending)

    def masks(self, page: Page, ctx: FlowContext) -> list[Locator]:
        """Everything personal on any screen: fields, name, email, card digits."""
        if ctx.facts.full_name is None and self.loc.avatar(page).count():
            self.learn_name(page, ctx)
        found = [
            page.locator(FIELDS),
            page.locator('[data-e2e="UserPortraitFullName"]'),
            self.loc.avatar(page),
            page.get_by_text(self.card_digits),
            page.get_by_text(EMAIL_SHAPE),
        ]
        if ctx.email:
            found.append(page.get_by_text(ctx.email))
        if ctx.facts.full_name:
            found.append(page.get_by_text(ctx.facts.full_name))
            first = ctx.facts.full_name.split()[0]
            found.append(page.get_by_text(re.compile(rf"\b{re.escape(first)}\b")))
        return found

    def learn_name(self, page: Page, ctx: FlowContext) -> None:
        """The signed-in name, from the avatar's label, so screenshots can mask it."""
        label = self.loc.avatar(page).first.get_attribute("aria-label") or ""
        match = self.loc.s.avatar_label.match(label.strip())
        if match and match.groups():
            ctx.facts.full_name = match.group(1).strip()


    def name_in_html(self, page_html: str) -> str | None:
        """The signed-in name, from the avatar's label in a page's HTML (for the recorder)."""
        for label in ARIA_LABEL.findall(page_html):
            match = self.loc.s.avatar_label.match(html.unescape(label).strip())
            if match and match.groups():
                return match.group(1).strip()
        return None


ARIA_LABEL = re.compile(r'aria-label="([^"]+)"')


def scrub(text: str, ctx: FlowContext) -> str:
    """Text from a page (its HTML, an ARIA snapshot) without the person's name, email or card digits.

    Any email-shaped text goes, not only the account's: with a saved session the tool never
    learns the email, and a page may show others."""
    names = [ctx.facts.full_name, *(ctx.facts.full_name or "").split()[:1], ctx.email]
    for value in sorted({v for v in names if v and len(v) > 1}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", "[redacted]", text)
    text = EMAIL_SHAPE.sub("[redacted]", text)
    return ANY_CARD_DIGITS.sub(r"\g<1>••••", text)
