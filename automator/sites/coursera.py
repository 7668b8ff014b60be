"""coursera.org as data: its screens in priority order, their handlers, masks and the final button.

Locators follow ../shared/coursera-site.md: ARIA role + accessible name first, then the
site's own `data-e2e` hooks, then `name=` attributes; never layout, position or generated
class names. Texts the site is not known to use for sure are matched loosely (regular
expressions), and every click is on something recognised by name.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.errors import AutomatorError, Drift, NeedsHuman, SignInFailed
from automator.flow import Done, Next, Outcome, Screen
from automator.sites.base import FlowContext, Site
from automator.status import Status

ICASE = re.IGNORECASE
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = rf"(?:{MONTHS}) \d{{1,2}}, \d{{4}}"
PRICE = r"[$€£₹]\s?\d[\d,]*(?:\.\d\d)?(?:\s*/\s*(?:month|mo|year|yr))?"
NEUTRAL_REASONS = (re.compile(r"prefer not to say", ICASE), re.compile(r"^other$", ICASE))
DECLINE_OFFER = re.compile(r"^(no,? thanks|continue (to )?cancel|i still want to cancel)", ICASE)
OTHER_SERVICE = re.compile(r"\b(google|apple|facebook|organi[sz]ation|single sign-on|sso)\b", ICASE)
KEEP = re.compile(r"^(keep (my )?subscription|go back|never mind|no,? keep)", ICASE)
CANCEL_SUBSCRIPTION = "Cancel Subscription"
YES_CANCEL = "Yes, Cancel"


# -- markers ---------------------------------------------------------------------------------
def _button_or_link(scope: Page | Locator, name: str | re.Pattern[str], exact: bool = False) -> Locator:
    return scope.get_by_role("button", name=name, exact=exact).or_(
        scope.get_by_role("link", name=name, exact=exact)
    )


def confirm_dialog(page: Page) -> Locator:
    return page.get_by_role("dialog").filter(has=page.get_by_role("button", name=YES_CANCEL, exact=True))


def offer_dialog(page: Page) -> Locator:
    return page.get_by_role("dialog").filter(has=_button_or_link(page, DECLINE_OFFER))


def survey_dialog(page: Page) -> Locator:
    return (
        page.get_by_role("dialog")
        .filter(has=page.get_by_role("radio"))
        .filter(has=page.get_by_role("button", name="Continue", exact=True))
    )


def cancelled_notice(page: Page) -> Locator:
    return page.get_by_role("status").filter(has_text=re.compile(r"cancel+ed", ICASE))


def subscriptions_heading(page: Page) -> Locator:
    return page.get_by_role("heading", name="Subscriptions", exact=True)


def settings_heading(page: Page) -> Locator:
    return page.get_by_role("heading", name="Account settings", exact=True)


def avatar(page: Page) -> Locator:
    return page.locator('[data-e2e="header-profile"]').or_(
        page.get_by_role("button", name=re.compile(r"^User dropdown menu for ", ICASE))
    )


def sign_in_form(page: Page) -> Locator:
    return page.locator('input[name="email"], input[type="email"]').filter(visible=True)


def captcha_challenge(page: Page) -> Locator:
    """reCAPTCHA's image challenge (its frame), not the invisible badge every page carries."""
    return page.locator(
        'iframe[src*="recaptcha"][src*="bframe"], iframe[title*="recaptcha challenge" i]'
    ).filter(visible=True)


def two_factor_field(page: Page) -> Locator:
    return page.locator('input[autocomplete="one-time-code"]').or_(
        page.get_by_role("textbox", name=re.compile(r"verification code|one-time code|authenticat", ICASE))
    )


def log_in_link(page: Page) -> Locator:
    return page.locator('[data-e2e="header-login-button"]').or_(
        page.get_by_role("link", name=re.compile(r"^log ?in$", ICASE))
    )


# -- handlers --------------------------------------------------------------------------------
def click_log_in(page: Page, ctx: FlowContext) -> Outcome:
    log_in_link(page).first.click()
    return Next()


def sign_in(page: Page, ctx: FlowContext) -> Outcome:
    """Fill the form once and submit; a refusal is final (no retry that could lock the account)."""
    if ctx.session_reused:
        ctx.info("The saved session has expired; signing in again.")
    credentials = ctx.credentials()
    email = sign_in_form(page).first
    password = page.locator('input[name="password"], input[type="password"]').first
    submit = (
        page.locator('[data-e2e="login-form-submit-button"]')
        .or_(page.get_by_role("button", name=re.compile(r"^(log ?in|login|continue)$", ICASE)))
        .first
    )
    email.fill(credentials.email)
    if not password.is_visible():  # identifier-first variant: email, Continue, then password
        submit.click()
        password.wait_for(state="visible")
    password.fill(credentials.password)
    submit.click()
    return _sign_in_outcome(page, ctx, ctx.timeout_ms, captcha_challenge(page), two_factor_field(page))


def _sign_in_error(page: Page) -> Locator:
    return page.get_by_role("alert").filter(has_text=re.compile(r"\S"))


def _sign_in_outcome(page: Page, ctx: FlowContext, timeout_ms: float, *next_screens: Locator) -> Outcome:
    """After a sign-in step: signed in, a refusal (final), or one of the next sign-in screens."""
    error = _sign_in_error(page)
    waiting = error.or_(avatar(page))
    for screen in next_screens:
        waiting = waiting.or_(screen)
    try:
        waiting.first.wait_for(state="visible", timeout=timeout_ms)
    except PlaywrightTimeout as exc:
        raise Drift(
            "after the sign-in step, the page neither signed in nor said why", step="sign_in"
        ) from exc
    if error.first.is_visible():
        message = " ".join(error.first.inner_text().split())
        if OTHER_SERVICE.search(message):
            raise NeedsHuman(
                f"Coursera says: {message} This account signs in through another service, which "
                "only you can do: run `automator login` once and sign in in the browser; later "
                "runs reuse that session."
            )
        raise SignInFailed(f"Coursera refused the sign-in: {message}")
    return Next(until=_already_moved)


def solve_captcha(page: Page, ctx: FlowContext) -> Outcome:
    """A CAPTCHA is the person's to solve, in the browser; the tool never touches it."""
    if ctx.headless:
        raise NeedsHuman(
            "Coursera shows a CAPTCHA, which only you can solve, and this browser is headless. "
            "Run `automator login` to sign in in a browser window once; later runs reuse that "
            "session and skip the CAPTCHA."
        )
    ctx.info(
        "Coursera shows a CAPTCHA: solve it in the browser window. The tool waits and "
        "continues when the page moves on."
    )
    return _sign_in_outcome(page, ctx, ctx.human_timeout_ms, two_factor_field(page))


def enter_two_factor_code(page: Page, ctx: FlowContext) -> Outcome:
    """Ask for the code at the terminal (hidden), or let the person type it in the browser."""
    hint = "" if ctx.headless else " (or press Enter and type it in the browser window)"
    code = (ctx.ask_secret(f"Two-factor code from your authenticator app{hint}: ") or "").strip()
    if not code:
        if ctx.headless:
            raise NeedsHuman(
                "Coursera asks for a two-factor code and none was given. Run again and type the "
                "code when asked, or run `automator login` to sign in in a browser window once."
            )
        ctx.info("Type the code in the browser window; the tool continues when the page moves on.")
        return _sign_in_outcome(page, ctx, ctx.human_timeout_ms)
    two_factor_field(page).first.fill(code)
    page.get_by_role("button", name=re.compile(r"^(verify|continue|submit|log ?in)$", ICASE)).first.click()
    return _sign_in_outcome(page, ctx, ctx.timeout_ms)


def _already_moved(page: Page, before: str) -> None:
    """The handler waited itself."""


def open_settings(page: Page, ctx: FlowContext) -> Outcome:
    """Avatar menu → Settings, the route the person would take."""
    avatar(page).first.click()
    settings = page.get_by_role("menuitem", name="Settings", exact=True)
    try:
        settings.wait_for(state="visible", timeout=ctx.timeout_ms)
    except PlaywrightTimeout as exc:
        raise Drift("the account menu has no 'Settings' item", step="signed_in") from exc
    settings.click()
    return Next()


def open_subscriptions(page: Page, ctx: FlowContext) -> Outcome:
    link = page.get_by_role("navigation").get_by_role("link", name="Subscriptions", exact=True)
    if link.count() != 1:
        raise Drift("Account settings has no 'Subscriptions' entry in its sidebar", step="account_settings")
    link.click()
    return Next()


def _row_text(row: Locator) -> str:
    return " ".join(row.inner_text().split())


def start_cancelling(page: Page, ctx: FlowContext) -> Outcome:
    """Read the subscription's details, then press Cancel Subscription, or report it as done."""
    buttons = page.get_by_role("button", name=CANCEL_SUBSCRIPTION, exact=True)
    count = buttons.count()
    if count == 0:
        main = page.get_by_role("main").or_(page.locator("body")).first
        text = " ".join(main.inner_text().split())
        if re.search(r"\bcancel+ed\b", text, ICASE):
            until = re.search(rf"until:?\s+({DATE})", text, ICASE)
            ctx.facts.access_until = until.group(1) if until else None
            tail = f" You have access until {until.group(1)}." if until else ""
            return Done(Status.ALREADY_CANCELLED, f"This subscription is already cancelled.{tail}")
        raise Drift(
            "the Subscriptions page shows no 'Cancel Subscription' button and no cancelled notice",
            step="subscriptions",
        )
    if count > 1:
        raise Drift(
            f"the Subscriptions page lists {count} subscriptions; choosing one is not supported yet",
            step="subscriptions",
        )
    row = (
        page.get_by_role("listitem")
        .filter(has=buttons)
        .or_(page.get_by_role("article").filter(has=buttons))
        .first
    )
    _read_row(row, ctx)
    buttons.click()
    return Next(until=_dialog_or_new_url(ctx.timeout_ms))


def _read_row(row: Locator, ctx: FlowContext) -> None:
    heading = row.get_by_role("heading").first
    ctx.facts.plan = " ".join(heading.inner_text().split()) if heading.count() else None
    text = _row_text(row)
    price = re.search(PRICE, text)
    ctx.facts.price = price.group(0) if price else None
    billing = re.search(rf"next (?:billing|payment) date:?\s*({DATE})", text, ICASE)
    ctx.facts.next_billing_date = billing.group(1) if billing else None


def _dialog_or_new_url(timeout_ms: float):  # type: ignore[no-untyped-def]
    def wait(page: Page, before: str) -> None:
        page.wait_for_function(
            """before => location.href !== before ||
               document.querySelector('[role="dialog"]') !== null""",
            arg=before,
            timeout=timeout_ms,
        )

    return wait


def answer_survey(page: Page, ctx: FlowContext) -> Outcome:
    """Pick the person's --reason, or a neutral one, and continue."""
    dialog = survey_dialog(page).first
    labels = [
        " ".join(str(label).split())
        for label in dialog.get_by_role("radio").evaluate_all(
            "radios => radios.map(e => (e.labels && e.labels[0] ? e.labels[0].innerText"
            " : e.getAttribute('aria-label')) || '')"
        )
    ]
    choice = _choose_reason(labels, ctx.reason)
    if choice is None and ctx.reason:
        raise AutomatorError(
            f"--reason {ctx.reason!r} matches no single survey choice; the choices are: {'; '.join(labels)}"
        )
    if choice is None:
        raise Drift(
            f"the survey has no neutral reason to pick (choices: {'; '.join(labels)}); "
            "pass one with --reason",
            step="cancel_survey",
        )
    dialog.get_by_role("radio", name=labels[choice], exact=True).check()
    ctx.facts.reason = labels[choice]
    dialog.get_by_role("button", name="Continue", exact=True).click()
    return Next(until=_dialog_changes(dialog, ctx.timeout_ms))


def _choose_reason(labels: list[str], wanted: str | None) -> int | None:
    if wanted:
        needle = wanted.strip().lower()
        exact = [i for i, label in enumerate(labels) if label.lower() == needle]
        partial = [i for i, label in enumerate(labels) if needle in label.lower()]
        found = exact or partial
        return found[0] if len(found) == 1 or exact else None
    for pattern in NEUTRAL_REASONS:
        for i, label in enumerate(labels):
            if pattern.search(label):
                return i
    return None


def _dialog_changes(dialog: Locator, timeout_ms: float):  # type: ignore[no-untyped-def]
    """The dialog just acted on goes away (a new page, or the next dialog replaces it)."""

    def wait(page: Page, before: str) -> None:
        dialog.wait_for(state="detached", timeout=timeout_ms)

    return wait


def decline_offer(page: Page, ctx: FlowContext) -> Outcome:
    """Decline a retention offer by its decline control; nothing is ever accepted here."""
    dialog = offer_dialog(page).first
    title = dialog.get_by_role("heading").first
    ctx.facts.offers_declined.append(" ".join(title.inner_text().split()) if title.count() else "offer")
    _button_or_link(dialog, DECLINE_OFFER).first.click()
    return Next(until=_dialog_changes(dialog, ctx.timeout_ms))


def confirmation(page: Page, ctx: FlowContext) -> Outcome:
    """Never called: the engine hands the destructive screen to the approval gate."""
    raise AssertionError("the confirmation screen is handled by the approval gate")


def read_confirmation(page: Page, ctx: FlowContext) -> None:
    text = " ".join(confirm_dialog(page).first.inner_text().split())
    until = re.search(rf"until\s+({DATE})", text, ICASE)
    if until:
        ctx.facts.access_until = until.group(1)
    if not ctx.facts.price:
        price = re.search(PRICE, text)
        ctx.facts.price = price.group(0) if price else None


def final_button(page: Page) -> Locator:
    return confirm_dialog(page).get_by_role("button", name=YES_CANCEL, exact=True)


def back_out(page: Page, ctx: FlowContext) -> None:
    """Leave the final dialog by its way back; nothing is sent."""
    dialog = confirm_dialog(page).first
    keep = (
        _button_or_link(dialog, KEEP)
        .or_(dialog.get_by_role("link", name="Close"))
        .or_(dialog.get_by_role("button", name="Close"))
    )
    if keep.count() == 0:
        raise Drift("the final dialog has no way back ('Keep Subscription')", step="confirm_cancel")
    keep.first.click()
    dialog.wait_for(state="detached", timeout=ctx.timeout_ms)


def verify_cancelled(page: Page, ctx: FlowContext) -> str:
    """After Yes, Cancel: the Subscriptions page must say the subscription is cancelled."""
    error = confirm_dialog(page).get_by_role("alert").filter(has_text=re.compile(r"\S"))
    notice = cancelled_notice(page)
    notice.or_(error).first.wait_for(state="visible", timeout=ctx.timeout_ms)
    if not notice.first.is_visible():
        raise Drift(
            f"Coursera answered: {' '.join(error.first.inner_text().split())}",
            step="confirm_cancel",
        )
    text = " ".join(notice.first.inner_text().split())
    until = re.search(DATE, text)
    if until:
        ctx.facts.access_until = until.group(0)
    return text


def masks(page: Page, ctx: FlowContext) -> list[Locator]:
    """Everything personal on any screen: fields, name, email, card digits."""
    if ctx.facts.full_name is None and avatar(page).count():
        learn_name(page, ctx)
    found = [
        # Every field a person can type into: sign-in fields, and profile fields that show a
        # name or email as a value (get_by_text cannot see values).
        page.locator(
            "input:not([type=radio]):not([type=checkbox]):not([type=submit]):not([type=button])"
            ":not([type=hidden]):not([type=search]), textarea"
        ),
        page.locator('[data-e2e="UserPortraitFullName"]'),
        avatar(page),
        page.get_by_text(re.compile(r"(ending in|ending with|•{2,}|\*{4})\s*\d{4}", ICASE)),
    ]
    if ctx.email:
        found.append(page.get_by_text(ctx.email))
    if ctx.facts.full_name:
        found.append(page.get_by_text(ctx.facts.full_name))
        first = ctx.facts.full_name.split()[0]
        found.append(page.get_by_text(re.compile(rf"\b{re.escape(first)}\b")))
    return found


def learn_name(page: Page, ctx: FlowContext) -> None:
    """The signed-in name, from the avatar's label, so screenshots can mask it."""
    label = avatar(page).first.get_attribute("aria-label") or ""
    match = re.search(r"menu for (.+)$", label, ICASE)
    if match:
        ctx.facts.full_name = match.group(1).strip()


def secrets_in_page(ctx: FlowContext) -> list[str]:
    """Strings to scrub from saved HTML."""
    return [s for s in (ctx.email, ctx.facts.full_name) if s]


SCREENS: tuple[Screen, ...] = (
    Screen(
        "confirm_cancel",
        "Final confirmation (Yes, Cancel)",
        confirm_dialog,
        confirmation,
        destructive=True,
        dialog=True,
    ),
    Screen("retention_offer", "Retention offer", offer_dialog, decline_offer, dialog=True),
    Screen("cancel_survey", "Reason survey", survey_dialog, answer_survey, dialog=True),
    Screen("captcha", "CAPTCHA challenge", captcha_challenge, solve_captcha),
    Screen("subscriptions", "Subscriptions", subscriptions_heading, start_cancelling),
    Screen("account_settings", "Account settings", settings_heading, open_subscriptions),
    Screen("signed_in", "Signed-in page with the account menu", avatar, open_settings),
    Screen("two_factor", "Two-factor code", two_factor_field, enter_two_factor_code),
    Screen("sign_in", "Sign-in form", sign_in_form, sign_in),
    Screen("signed_out_home", "Home page, signed out", log_in_link, click_log_in),
)

COURSERA = Site(
    name="coursera",
    start_path="/",
    screens=SCREENS,
    destructive_request=re.compile(r"subscription[^?]*cancel|cancel[^?]*subscription", ICASE),
    masks=masks,
    final_button=final_button,
    read_confirmation=read_confirmation,
    back_out=back_out,
    verify_cancelled=verify_cancelled,
    secrets_in_page=secrets_in_page,
    signed_in_marker=avatar,
    signed_out_screens=frozenset({"signed_out_home", "sign_in", "captcha", "two_factor"}),
)
