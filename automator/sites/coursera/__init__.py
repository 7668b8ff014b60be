"""coursera.org as data: its screens in priority order, their handlers, masks and the final dialog.

The words come from one language's string table (strings/), the locators from locators.py,
the handlers from handlers.py (one module per part of the flow). `build(strings)` makes the
site for a language; `COURSERA` is the English one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from playwright.sync_api import Locator, Page

from automator.account import Account
from automator.approval import GuardRules
from automator.contracts import Contract
from automator.flow import Outcome, Screen
from automator.holdings import HoldingsPage
from automator.sites.base import FlowContext, Site
from automator.sites.coursera.controls import RADIO_NAMES
from automator.sites.coursera.handlers import Handlers
from automator.sites.coursera.locators import Locators
from automator.sites.coursera.obstacles import CourseraObstacles
from automator.sites.coursera.privacy import MASKED, Privacy, scrub
from automator.sites.coursera.refunds import REFUNDS
from automator.sites.coursera.retention import choose_reason
from automator.sites.coursera.strings import EN, TABLES, Strings, iso_date

__all__ = ["COURSERA", "SCREENS", "build", "choose_reason", "scrub"]

# What changes a Coursera account, and what a write that never does says of itself
# (coursera-site.md: REST `/api/<name>.v1` calls, a GraphQL endpoint, analytics POSTs).
GUARD_RULES = GuardRules(
    changes=re.compile(
        r"\b(cancel\w*|pause\w*|unsubscribe\w*|terminate\w*|discount\w*|redeem\w*|claim\w*|coupon\w*|promo\w*"
        r"|offers?|downgrade\w*|upgrade\w*|switch\w*|change plan|plan change|refund\w*|resume\w*|resubscribe"
        r"|delete account|deactivate\w*)\b"
    ),
    benign=re.compile(
        r"\b(survey\w*|feedback|reasons?|analytics|events?|track\w*|telemetry|metrics?|logs?|logging|beacon"
        r"|collect|sentry|envelope|impressions?|experiments?|pageview|end date)\b"
    ),
    holdings=re.compile(r"\b(subscriptions?|memberships?|plans?|billing|payments?|accounts?)\b"),
)
# The names people and scripts use outside the browser (README: "Credentials").
ACCOUNT = Account(
    title="Coursera",
    email_env="COURSERA_EMAIL",
    password_env="COURSERA_PASSWORD",
    keyring_service="automator/coursera",
)
LANGUAGE_HELP = (
    "Coursera's language is a setting of the account: set it to one of those languages "
    "on coursera.org (and use www.coursera.org, not a language subdomain such as "
    "ja.coursera.org), then run again. Or add a word table for the language in "
    "automator/sites/coursera/strings/ (README: \"Languages\")."
)
# The bundled recording of each language (fixtures/): the baseline of `automator check`.
RECORDINGS = {"en": "coursera", "es": "languages/es", "fr": "languages/fr", "pt-BR": "languages/pt-BR"}
SIGNED_OUT_SCREENS = frozenset({"signed_out_home", "sign_in", "captcha", "two_factor"})
# The only screens the read-only walk of `automator status` acts on, to reach the Subscriptions.
WAY_TO_SUBSCRIPTIONS = SIGNED_OUT_SCREENS | {"signed_in", "account_settings", "my_purchases"}
EXPECTED_FLOW = (
    "signed_out_home",
    "sign_in",
    "signed_in",
    "account_settings",
    "subscriptions",
    "cancel_survey",
    "retention_offer",
    "confirm_cancel",
    "subscriptions",
)


def _confirmation(page: Page, ctx: FlowContext) -> Outcome:
    raise AssertionError("the confirmation screen is handled by the approval gate")


def screens(loc: Locators, act: Handlers) -> tuple[Screen, ...]:
    """The screens, most specific first: a dialog over a page is that dialog's screen. Each
    handler is a method of its part of the flow (see handlers.py)."""
    signing_in, navigation, retention = act.signing_in, act.navigation, act.retention
    return (
        Screen("confirm_cancel", "Final confirmation", loc.confirm_dialog, _confirmation, True, "dialog"),
        Screen(
            "end_date_choice",
            "When the subscription ends",
            loc.end_date_dialog,
            retention.choose_end_date,
            where="dialog",
        ),
        Screen("cancel_survey", "Reason survey", loc.survey_dialog, retention.answer_survey, where="dialog"),
        Screen("retention_offer", "Retention offer", loc.offer_dialog, retention.meet_offer, where="dialog"),
        Screen("captcha", "CAPTCHA challenge", loc.captcha, signing_in.solve_captcha, where="anywhere"),
        Screen(
            "subscriptions", "Subscriptions", loc.subscriptions_heading, act.subscriptions.start_cancelling
        ),
        Screen("account_settings", "Account settings", loc.settings_heading, navigation.open_subscriptions),
        Screen(
            "my_purchases", "My Purchases", loc.my_purchases_heading, navigation.open_manage_subscriptions
        ),
        # After the signed-in screens: Account settings shows the email in a field too.
        Screen("signed_in", "Signed-in page with the account menu", loc.avatar, navigation.open_settings),
        Screen(
            "two_factor",
            "Two-factor code",
            loc.two_factor_field,
            signing_in.enter_two_factor_code,
            where="either",
        ),
        Screen("sign_in", "Sign-in form", loc.email_field, signing_in.sign_in, where="either"),
        Screen("signed_out_home", "Home page, signed out", loc.log_in_link, signing_in.click_log_in),
    )


# -- contracts: what `automator check` holds each screen to ------------------------------------
def contracts(loc: Locators) -> dict[str, Contract]:
    """Each screen's locators (the same the handlers use) and, where the flow acts in a region,
    that region (its ARIA template is kept in the recording: contracts/<screen>.aria.yml). The
    dialogs that can change the account are strict: an action added to them is a difference.
    No region in the sign-in form: its snapshot would print what is typed."""
    volatile = re.compile(rf"{loc.s.date}|{loc.s.price}", re.I)
    found = {**_sign_in_contracts(loc), **_page_contracts(loc), **_dialog_contracts(loc)}
    return {name: replace(contract, volatile=volatile) for name, contract in found.items()}


def _sign_in_contracts(loc: Locators) -> dict[str, Contract]:
    """Signed out, the sign-in form and signed in: the locators only."""
    return {
        "signed_out_home": Contract({"Log In link": loc.log_in_link}),
        "sign_in": Contract(
            {"email field": loc.email_field, "password field": loc.password_field, "Login button": loc.submit}
        ),
        "signed_in": Contract({"account menu button": loc.avatar}),
    }


def _page_contracts(loc: Locators) -> dict[str, Contract]:
    """Account settings (its sidebar's Subscriptions entry) and the Subscriptions page (a row)."""
    return {
        "account_settings": Contract(
            {
                "'Account settings' heading": loc.settings_heading,
                "'Subscriptions' in the Settings sidebar": loc.subscriptions_entry,
            },
            region=lambda p: p.get_by_role("navigation").filter(
                has=p.get_by_role("link", name=loc.s.subscriptions_link)
            ),
        ),
        "subscriptions": Contract(
            {"'Subscriptions' heading": loc.subscriptions_heading},
            region=lambda p: p.get_by_role("article").filter(has=p.get_by_role("heading")),
        ),
    }


def _dialog_contracts(loc: Locators) -> dict[str, Contract]:
    """The dialogs on the way out: the survey, a retention offer and the final dialog."""

    def survey(p: Page) -> Locator:
        return loc.survey_dialog(p)

    def neutral_answer(p: Page) -> Locator:
        """The answer the flow picks without --reason (the table's first neutral one), else a skip."""
        radios = survey(p).get_by_role("radio")
        labels = [" ".join(str(label).split()) for label in radios.evaluate_all(RADIO_NAMES)]
        choice = choose_reason(labels, None, loc.s.neutral_reasons)
        return radios.nth(choice) if choice is not None else loc.skip(survey(p))

    return {
        "cancel_survey": Contract(
            {
                "survey dialog": survey,
                "a neutral answer (or a skip)": neutral_answer,
                "'Continue' button": lambda p: loc.proceed(survey(p)),
            },
            region=survey,
        ),
        "retention_offer": Contract(
            {"offer dialog": loc.offer_dialog, "decline control": lambda p: loc.decline(loc.offer_dialog(p))},
            region=loc.offer_dialog,
            strict=True,
        ),
        "confirm_cancel": Contract(
            {
                "final dialog": loc.confirm_dialog,
                "'Yes, Cancel' button": lambda p: loc.confirm_dialog(p).get_by_role(
                    "button", name=loc.s.confirm
                ),
                "way back ('Keep Subscription')": lambda p: loc.way_back(loc.confirm_dialog(p)),
            },
            region=loc.confirm_dialog,
            strict=True,
        ),
    }


def build(strings: Strings = EN) -> Site:
    """The Coursera site in the language of `strings`."""
    loc = Locators(strings)
    act = Handlers(loc)
    privacy = Privacy(loc)
    return Site(
        name="coursera",
        title="Coursera",
        home="coursera.org",
        account=ACCOUNT,
        start_path="/",
        sign_in_path="/login",
        screens=screens(loc, act),
        guard_rules=GUARD_RULES,
        masks=privacy.masks,
        masked=MASKED,
        inspect_confirmation=act.final.inspect_confirmation,
        unchanged=act.final.unchanged,
        decline_offer=act.retention.decline_offer,
        verify_offer=act.retention.verify_offer,
        back_out=act.final.back_out,
        verify_cancelled=act.final.verify_cancelled,
        subscription_state=act.subscriptions.subscription_state,
        scrub=scrub,
        signed_in_marker=loc.avatar,
        name_in_html=privacy.name_in_html,
        signed_out_screens=SIGNED_OUT_SCREENS,
        obstacles=CourseraObstacles(strings),
        session_cookie="CAUTH",
        contracts=contracts(loc),
        expected_flow=EXPECTED_FLOW,
        recordings=RECORDINGS,
        languages=tuple(TABLES),
        language_help=LANGUAGE_HELP,
        language=strings.language,
        locale=strings.locale,
        iso_date=lambda text: iso_date(text, strings),
        holdings=HoldingsPage("subscriptions", WAY_TO_SUBSCRIPTIONS, act.subscriptions.holdings),
        in_language=in_language,
        refund_rules=REFUNDS,
    )


_BUILT: dict[str, Site] = {}


def in_language(tag: str) -> Site:
    """The site with the words of TABLES[tag], built once."""
    if tag not in _BUILT:
        _BUILT[tag] = build(TABLES[tag])
    return _BUILT[tag]


COURSERA = in_language("en")
SCREENS = COURSERA.screens
