"""Every word of coursera.org the flow matches, one table per language.

A screen is recognised by what a person reads there (roles, accessible names, the texts of
coursera-site.md); these tables hold those texts, each with where it comes from, so that a
wording learnt from a new rendering is added in one place. Patterns are matched
case-insensitively against accessible names and visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ICASE = re.IGNORECASE


def words(*alternatives: str) -> re.Pattern[str]:
    """A pattern that matches the whole of one of the alternatives (regular expressions)."""
    return re.compile("^(?:" + "|".join(alternatives) + r")\.?$", ICASE)


def anywhere(*alternatives: str) -> re.Pattern[str]:
    """A pattern that finds one of the alternatives anywhere in a text."""
    return re.compile("(?:" + "|".join(alternatives) + ")", ICASE)


@dataclass(frozen=True)
class Strings:
    """The words of one language. Each field is a compiled pattern unless it says otherwise."""

    language: str  # the BCP 47 tag a page of this language declares (`<html lang>`)
    locale: str  # the browser's locale for it (its Accept-Language and navigator.language)
    # -- dates and prices as the site writes them -------------------------------------------
    date: str  # a regular expression (uncompiled) for a date in running text
    months: tuple[str, ...]  # twelve regular expressions, January first: a date's month name
    price: str  # a regular expression for a price, with its period if shown
    # -- signed out, sign-in ------------------------------------------------------------------
    log_in: re.Pattern[str]  # the header's link to the sign-in
    sign_in_submit: re.Pattern[str]  # the form's submit (also the identifier-first Continue)
    other_service: re.Pattern[str]  # a refusal that means "sign in with Google/SSO instead"
    two_factor_field: re.Pattern[str]  # the code field's accessible name
    two_factor_submit: re.Pattern[str]
    # -- signed in ----------------------------------------------------------------------------
    avatar_label: re.Pattern[str]  # the avatar button's aria-label, with the name as group 1
    menu_settings: re.Pattern[str]
    menu_my_purchases: re.Pattern[str]
    settings_heading: re.Pattern[str]
    subscriptions_link: re.Pattern[str]  # the Settings sidebar's entry
    subscriptions_heading: re.Pattern[str]
    my_purchases_heading: re.Pattern[str]
    manage_subscriptions_tab: re.Pattern[str]
    # -- a subscription's row -----------------------------------------------------------------
    row_cancel: re.Pattern[str]  # the row's own button that starts the cancellation
    cancelled: re.Pattern[str]
    paused: re.Pattern[str]
    trial: re.Pattern[str]
    trial_ends: str  # labels before the date a free trial ends (regular expression)
    next_billing: str  # labels before the next charge's date
    access_until: str  # labels before the date access ends
    no_subscription: re.Pattern[str]
    billed_by: tuple[str, ...]  # labels (lower case) of the term that says who bills or provides
    card_ending: str  # words before a card's last four digits (regular expression), to mask them
    provided_by: str  # the words before an organisation that provides the plan (regular expression)
    apple: re.Pattern[str]
    google_play: re.Pattern[str]
    organization: re.Pattern[str]
    # -- the way through ----------------------------------------------------------------------
    proceed: re.Pattern[str]  # a dialog's "go on" button (survey, end-of-period choice)
    skip: re.Pattern[str]  # a survey's way to answer nothing
    neutral_reasons: tuple[re.Pattern[str], ...]  # in order of preference
    at_period_end: re.Pattern[str]  # the end-of-period choice that keeps paid access
    immediately: re.Pattern[str]  # the choice that ends access now (never taken)
    decline_offer: re.Pattern[str]
    offer_pause: re.Pattern[str]
    offer_discount: re.Pattern[str]
    offer_annual: re.Pattern[str]
    # -- the final dialog ---------------------------------------------------------------------
    confirm: re.Pattern[str]  # its confirming button (the one destructive click)
    way_back: re.Pattern[str]  # its way back, which keeps the subscription
    close: re.Pattern[str]  # a dialog's close control (×)
    terms: re.Pattern[str]  # the words of a sentence about access and charges
    cancelled_notice: re.Pattern[str]  # the page's notice once cancelled
    # -- what stands in the way ---------------------------------------------------------------
    cookie: re.Pattern[str]  # a cookie banner's text
    cookie_reject: re.Pattern[str]  # its choice that keeps the least (preferred)
    cookie_accept: re.Pattern[str]  # else its accept
    one_tap_close: re.Pattern[str]


def iso_date(text: str | None, strings: Strings) -> str | None:
    """A date as the site writes it ("December 14, 2026", "14 de diciembre de 2026") as
    YYYY-MM-DD; None when it holds no month name of the table, or no day and year."""
    if not text:
        return None
    month = next(
        (n for n, name in enumerate(strings.months, 1) if re.search(rf"\b(?:{name})\b", text, ICASE)), None
    )
    year = re.search(r"\b(\d{4})\b", text)
    rest = text.replace(year.group(1), "") if year else text
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th|er|º)?\b(?!\d)", rest)
    if month is None or year is None or day is None or not 1 <= int(day.group(1)) <= 31:
        return None
    return f"{year.group(1)}-{month:02d}-{int(day.group(1)):02d}"


from automator.sites.coursera.strings.en import EN as EN  # noqa: E402  (the table needs the class above)
from automator.sites.coursera.strings.es import ES as ES  # noqa: E402
from automator.sites.coursera.strings.fr import FR as FR  # noqa: E402
from automator.sites.coursera.strings.pt_br import PT_BR as PT_BR  # noqa: E402

TABLES: dict[str, Strings] = {"en": EN, "es": ES, "fr": FR, "pt-BR": PT_BR}
