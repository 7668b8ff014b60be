"""coursera.org as data: its screens in priority order, their handlers, masks and the final button.

Locators follow ../shared/coursera-site.md: ARIA role + accessible name first, then the
site's own `data-e2e` hooks, then `name=` attributes; never layout, position or generated
class names. Texts the site is not known to use for sure are matched loosely (regular
expressions), and every click is on something recognised by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.browser import stop_loading
from automator.contracts import Contract
from automator.errors import AutomatorError, Drift, NeedsHuman, SignInFailed
from automator.flow import AtOffer, Done, Next, Outcome, Screen
from automator.sites.base import FlowContext, Offer, Site
from automator.sites.subscriptions import (
    DATE,
    GOOGLE_PLAY_URL,
    ICASE,
    PRICE,
    NotChosen,
    Row,
    choose,
    offer_kind,
    parse_row,
    way_out,
)
from automator.status import Status

NEUTRAL_REASONS = (re.compile(r"prefer not to say", ICASE), re.compile(r"^other$", ICASE))
DECLINE_OFFER = re.compile(r"^(no,? thanks|continue (to )?cancel|i still want to cancel)", ICASE)
OTHER_SERVICE = re.compile(r"\b(google|apple|facebook|organi[sz]ation|single sign-on|sso)\b", ICASE)
KEEP = re.compile(r"^(keep (my )?subscription|go back|never mind|no,? keep)", ICASE)
CANCEL_BUTTON = re.compile(r"^cancel( subscription)?$", ICASE)
END_AT_PERIOD_END = re.compile(r"keep (my )?access until", ICASE)
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


def end_date_dialog(page: Page) -> Locator:
    """Keep access to the end of the paid period, or end now: a choice some accounts get."""
    return page.get_by_role("dialog").filter(has=page.get_by_role("radio", name=END_AT_PERIOD_END))


def survey_dialog(page: Page) -> Locator:
    return (
        page.get_by_role("dialog")
        .filter(has=page.get_by_role("radio"))
        .filter(has=page.get_by_role("button", name="Continue", exact=True))
    )


def cancelled_notice(page: Page) -> Locator:
    return page.get_by_role("status").filter(has_text=re.compile(r"cancel+ed", ICASE))


def subscriptions_heading(page: Page) -> Locator:
    """Settings → Subscriptions, or My Purchases → Manage Subscriptions (the help centre's route)."""
    return page.get_by_role("heading", name=re.compile(r"^(manage )?subscriptions$", ICASE))


def my_purchases_heading(page: Page) -> Locator:
    return page.get_by_role("heading", name="My Purchases", exact=True)


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
        stop_loading(page)  # a page still loading cannot be looked at
        if log_in_link(page).first.is_visible() and not sign_in_form(page).first.is_visible():
            raise AutomatorError(
                "after signing in, Coursera showed its signed-out page again: the sign-in did not "
                "hold. Try again; if it keeps happening, sign in once with `automator login`"
            ) from exc
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
    """Settings' sidebar → Subscriptions; without that entry, the avatar menu's My Purchases."""
    link = page.get_by_role("navigation").get_by_role("link", name="Subscriptions", exact=True)
    if link.count() == 1:
        ctx.facts.route = "settings"
        link.click()
        return Next()
    if ctx.facts.route == "my_purchases":
        raise Drift("neither Settings nor My Purchases leads to the subscriptions", step="account_settings")
    ctx.facts.route = "my_purchases"
    ctx.info("Settings has no Subscriptions entry; trying My Purchases → Manage Subscriptions.")
    avatar(page).first.click()
    item = page.get_by_role("menuitem", name="My Purchases", exact=True)
    try:
        item.wait_for(state="visible", timeout=ctx.timeout_ms)
    except PlaywrightTimeout as exc:
        raise Drift(
            "Account settings has no 'Subscriptions' entry and the account menu no 'My Purchases'",
            step="account_settings",
        ) from exc
    item.click()
    return Next()


def open_manage_subscriptions(page: Page, ctx: FlowContext) -> Outcome:
    tab = _button_or_link(page, re.compile(r"^manage subscriptions$", ICASE))
    if tab.count() != 1:
        raise Drift("My Purchases has no 'Manage Subscriptions' tab", step="my_purchases")
    ctx.facts.route = "my_purchases"
    tab.first.click()
    return Next()


def _row_text(row: Locator) -> str:
    return " ".join(row.inner_text().split())


def subscription_rows(page: Page) -> list[tuple[Row, Locator]]:
    """Every subscription row: a list item or article with a heading (the plan's name)."""
    rows = page.get_by_role("listitem").filter(has=page.get_by_role("heading"))
    if rows.count() == 0:
        rows = page.get_by_role("article").filter(has=page.get_by_role("heading"))
    # One round trip reads every row's heading, text and term/definition pairs.
    read = rows.evaluate_all(
        """rows => rows.map(r => ({
             name: (r.querySelector('h1,h2,h3,h4,h5,h6,[role=heading]') || {}).innerText || '',
             text: r.innerText,
             terms: [...r.querySelectorAll('dt,[role=term]')].map(e => e.innerText),
             values: [...r.querySelectorAll('dd,[role=definition]')].map(e => e.innerText)}))"""
    )
    found = []
    for i, data in enumerate(read):
        row = rows.nth(i)
        cancellable = _cancel_button(row).count() == 1
        details = dict(zip(data["terms"], data["values"], strict=False))
        name = " ".join(str(data["name"]).split())
        found.append((parse_row(name, str(data["text"]), cancellable, details), row))
    return found


def _cancel_button(row: Locator) -> Locator:
    return row.get_by_role("button", name=CANCEL_BUTTON)


def start_cancelling(page: Page, ctx: FlowContext) -> Outcome:
    """Find the subscription to cancel; press its cancel button, or say why there is nothing to do."""
    found = subscription_rows(page)
    rows = [row for row, _ in found]
    ctx.facts.subscriptions = [row.line() for row in rows]
    if not rows:
        if re.search(
            r"\b(no|don't have any|not have any)\b[^.]*subscriptions?", _row_text(page.locator("body")), ICASE
        ):
            return Done(Status.NO_SUBSCRIPTION, "This account has no subscription to cancel.")
        raise Drift(
            "the Subscriptions page lists no subscription and does not say there is none",
            step="subscriptions",
        )
    try:
        chosen = choose(rows, ctx.subscription)
    except NotChosen:
        index = ctx.choose(rows) if ctx.subscription is None else None
        if index is None:
            raise
        chosen = rows[index]
    assert chosen is not None
    ctx.facts.plan, ctx.facts.price = chosen.name, chosen.price
    ctx.facts.next_billing_date, ctx.facts.access_until = chosen.next_billing_date, chosen.access_until
    if chosen.channel != "coursera":
        ctx.facts.billing = {
            "channel": chosen.channel,
            "provider": chosen.provider,
            "way_out": way_out(chosen),
        }
        if chosen.channel == "google_play":
            ctx.facts.billing["url"] = GOOGLE_PLAY_URL
        return Done(Status.BILLED_ELSEWHERE, f"{chosen.name}: {way_out(chosen)}")
    if chosen.state == "cancelled":
        tail = f" You have access until {chosen.access_until}." if chosen.access_until else ""
        return Done(Status.ALREADY_CANCELLED, f"{chosen.name} is already cancelled.{tail}")
    if not chosen.cancellable:
        raise Drift(f"'{chosen.name}' is {chosen.state} and has no cancel button", step="subscriptions")
    _cancel_button(found[rows.index(chosen)][1]).click()
    return Next(until=_dialog_or_new_url(ctx.timeout_ms))


def _dialog_or_new_url(timeout_ms: float) -> Callable[[Page, str], None]:
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
    gone = _dialog_changes(dialog, ctx.timeout_ms)
    dialog.get_by_role("button", name="Continue", exact=True).click()
    return Next(until=gone)


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


def _dialog_changes(dialog: Locator, timeout_ms: float) -> Callable[[Page, str], None]:
    """Call before acting: a wait until this dialog, known by its title, is gone.

    By title, because the next screen may be a dialog of the same shape (offer after offer, a
    second set of radio buttons) that the same locator would match again.
    """
    heading = dialog.get_by_role("heading").first
    title = " ".join((heading.inner_text() if heading.count() else dialog.inner_text()[:80]).split())

    def wait(page: Page, before: str) -> None:
        same = page.get_by_role("dialog").filter(has_text=title).first
        same.wait_for(state="hidden", timeout=timeout_ms)

    return wait


def meet_offer(page: Page, ctx: FlowContext) -> Outcome:
    """A retention offer: recognised by kind, or stopped at as unknown. The runner decides."""
    dialog = offer_dialog(page).first
    title = dialog.get_by_role("heading").first
    name = " ".join(title.inner_text().split()) if title.count() else ""
    text = " ".join(dialog.inner_text().split())
    kind = offer_kind(f"{name} {text}")
    if kind is None:
        raise Drift(
            f"a retention offer the flow does not know: {name or text[:80]!r}", step="retention_offer"
        )
    accept = (
        dialog.get_by_role("button")
        .filter(has_not_text=DECLINE_OFFER)
        .filter(has_not_text=re.compile(r"^(close|×)$", ICASE))
    )
    return AtOffer(
        Offer(
            kind=kind,
            title=name,
            text=text,
            dialog=dialog,
            accept=accept.first,
            decline=_button_or_link(dialog, DECLINE_OFFER).first,
            accept_label=_label(accept),
        )
    )


def _label(buttons: Locator) -> str | None:
    return " ".join(buttons.first.inner_text().split()) if buttons.count() == 1 else None


def decline_offer(page: Page, offer: Offer, ctx: FlowContext) -> Next:
    gone = _dialog_changes(offer.dialog, ctx.timeout_ms)
    offer.decline.click()
    return Next(until=gone)


def verify_offer(page: Page, offer: Offer, ctx: FlowContext) -> str:
    """After accepting: the Subscriptions page must show the changed subscription."""
    subscriptions_heading(page).first.wait_for(state="visible", timeout=ctx.timeout_ms)
    notice = page.get_by_role("status").filter(has_text=re.compile(r"\S"))
    notice.first.wait_for(state="visible", timeout=ctx.timeout_ms)
    return " ".join(notice.first.inner_text().split())


def choose_end_date(page: Page, ctx: FlowContext) -> Outcome:
    """Keep access to the end of the paid period: never give up time already paid for."""
    dialog = end_date_dialog(page).first
    keep = dialog.get_by_role("radio", name=END_AT_PERIOD_END)
    keep.check()
    ctx.facts.end_date_choice = " ".join(
        str(keep.evaluate("e => e.labels && e.labels[0] ? e.labels[0].innerText : ''")).split()
    )
    gone = _dialog_changes(dialog, ctx.timeout_ms)
    dialog.get_by_role("button", name="Continue", exact=True).click()
    return Next(until=gone)


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
    notice.or_(error).or_(sign_in_form(page)).first.wait_for(state="visible", timeout=ctx.timeout_ms)
    if sign_in_form(page).first.is_visible():
        raise Drift("the session ended after Yes, Cancel was pressed", step="confirm_cancel")
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


def subscription_state(page: Page, ctx: FlowContext) -> str | None:
    """What the Subscriptions page shows for the run's plan: "cancelled", or "active" (with its
    cancel button); None when that row is missing or shows anything else."""
    for row, _ in subscription_rows(page):
        if row.name != ctx.facts.plan:
            continue
        if row.state == "cancelled":
            ctx.facts.access_until = row.access_until or ctx.facts.access_until
            return "cancelled"
        return "active" if row.state == "active" and row.cancellable else None
    return None


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
        page.get_by_text(CARD_DIGITS),
        page.get_by_text(EMAIL_SHAPE),
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


EMAIL_SHAPE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CARD_DIGITS = re.compile(r"((?:ending in|ending with|•{2,}|\*{4})\s*)\d{4}", ICASE)


def scrub(text: str, ctx: FlowContext) -> str:
    """Text from a page (its HTML, an ARIA snapshot) without the person's name, email or card digits.

    Any email-shaped text goes, not only the account's: with a saved session the tool never
    learns the email, and a page may show others."""
    names = [ctx.facts.full_name, *(ctx.facts.full_name or "").split()[:1], ctx.email]
    for value in sorted({v for v in names if v and len(v) > 1}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", "[redacted]", text)
    text = EMAIL_SHAPE.sub("[redacted]", text)
    return CARD_DIGITS.sub(r"\g<1>••••", text)


SCREENS: tuple[Screen, ...] = (
    Screen(
        "confirm_cancel",
        "Final confirmation (Yes, Cancel)",
        confirm_dialog,
        confirmation,
        destructive=True,
        dialog=True,
    ),
    Screen("retention_offer", "Retention offer", offer_dialog, meet_offer, dialog=True),
    Screen("end_date_choice", "When the subscription ends", end_date_dialog, choose_end_date, dialog=True),
    Screen("cancel_survey", "Reason survey", survey_dialog, answer_survey, dialog=True),
    Screen("captcha", "CAPTCHA challenge", captcha_challenge, solve_captcha),
    Screen("subscriptions", "Subscriptions", subscriptions_heading, start_cancelling),
    Screen("account_settings", "Account settings", settings_heading, open_subscriptions),
    Screen("my_purchases", "My Purchases", my_purchases_heading, open_manage_subscriptions),
    Screen("signed_in", "Signed-in page with the account menu", avatar, open_settings),
    Screen("two_factor", "Two-factor code", two_factor_field, enter_two_factor_code),
    Screen("sign_in", "Sign-in form", sign_in_form, sign_in),
    Screen("signed_out_home", "Home page, signed out", log_in_link, click_log_in),
)

COURSERA = Site(
    name="coursera",
    start_path="/",
    screens=SCREENS,
    guarded_requests=re.compile(
        r"subscription[^?]*(cancel|pause|discount|switch|plan|offer|gift)|cancel[^?]*subscription", ICASE
    ),
    masks=masks,
    final_button=final_button,
    read_confirmation=read_confirmation,
    decline_offer=decline_offer,
    verify_offer=verify_offer,
    back_out=back_out,
    verify_cancelled=verify_cancelled,
    subscription_state=subscription_state,
    scrub=scrub,
    signed_in_marker=avatar,
    signed_out_screens=frozenset({"signed_out_home", "sign_in", "captcha", "two_factor"}),
)


# -- contracts: what `automator check` holds each screen to ------------------------------------
def _submit(page: Page) -> Locator:
    return page.locator('[data-e2e="login-form-submit-button"]').or_(
        page.get_by_role("button", name=re.compile(r"^(log ?in|login|continue)$", ICASE))
    )


CONFIRM_TEMPLATE = """
- dialog:
  - /children: equal
  - link "Close"
  - heading "Cancel your subscription?" [level=2]
  - paragraph
  - paragraph: /keep access to .+ until .+/
  - link "Keep Subscription"
  - button "Yes, Cancel"
"""
OFFER_TEMPLATE = """
- dialog:
  - /children: equal
  - link "Close"
  - text: Special offer
  - heading /.+/ [level=2]
  - paragraph
  - link /^No thanks/
  - button /.+/
"""
SURVEY_TEMPLATE = """
- dialog "Why are you cancelling?":
  - group "Reason for cancelling":
    - radio "Prefer not to say"
  - link "Keep Subscription"
  - button "Continue"
"""
ROW_TEMPLATE = """
- article:
  - heading [level=3]
  - term: Price
  - definition: /./
  - term: Next billing date
  - definition: /./
  - button "Cancel Subscription"
"""
SETTINGS_NAV_TEMPLATE = """
- navigation:
  - list:
    - listitem:
      - link "Subscriptions"
"""

CONTRACTS: dict[str, Contract] = {
    "signed_out_home": Contract({"Log In link": log_in_link}),
    # No ARIA template here: a snapshot of the sign-in form would print what is typed.
    "sign_in": Contract(
        {
            "email field": sign_in_form,
            "password field": lambda p: p.locator('input[name="password"], input[type="password"]'),
            "Login button": _submit,
        }
    ),
    "signed_in": Contract({"account menu button": avatar}),
    "account_settings": Contract(
        {
            "'Account settings' heading": settings_heading,
            "'Subscriptions' in the Settings sidebar": lambda p: p.get_by_role("navigation").get_by_role(
                "link", name="Subscriptions", exact=True
            ),
        },
        region=lambda p: p.get_by_role("navigation").filter(has=p.get_by_role("link", name="Account")),
        template=SETTINGS_NAV_TEMPLATE,
    ),
    "subscriptions": Contract(
        {"'Subscriptions' heading": subscriptions_heading},
        region=lambda p: p.get_by_role("article").filter(has=p.get_by_role("heading")),
        template=ROW_TEMPLATE,
    ),
    "cancel_survey": Contract(
        {
            "survey dialog": survey_dialog,
            "'Prefer not to say' choice": lambda p: survey_dialog(p).get_by_role(
                "radio", name="Prefer not to say"
            ),
            "'Continue' button": lambda p: survey_dialog(p).get_by_role(
                "button", name="Continue", exact=True
            ),
        },
        region=survey_dialog,
        template=SURVEY_TEMPLATE,
    ),
    "retention_offer": Contract(
        {
            "offer dialog": offer_dialog,
            "decline control": lambda p: _button_or_link(offer_dialog(p), DECLINE_OFFER),
        },
        region=offer_dialog,
        template=OFFER_TEMPLATE,
    ),
    "confirm_cancel": Contract(
        {
            "final dialog": confirm_dialog,
            "'Yes, Cancel' button": final_button,
            "way back ('Keep Subscription')": lambda p: _button_or_link(confirm_dialog(p), KEEP),
        },
        region=confirm_dialog,
        template=CONFIRM_TEMPLATE,
    ),
}
COURSERA = replace(
    COURSERA,
    contracts=CONTRACTS,
    expected_flow=(
        "signed_out_home",
        "sign_in",
        "signed_in",
        "account_settings",
        "subscriptions",
        "cancel_survey",
        "retention_offer",
        "confirm_cancel",
        "subscriptions",
    ),
)
