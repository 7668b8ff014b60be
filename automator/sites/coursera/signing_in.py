"""The signing-in screens: the signed-out home page's Log In link, the sign-in form (email and
password, or identifier-first), the CAPTCHA (the person's to solve) and the two-factor code.
Each step ends signed in, at the next sign-in screen, or with Coursera's refusal, which is
final: nothing here retries in a way that could lock the account."""

from __future__ import annotations

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.browser import stop_loading
from automator.errors import AutomatorError, Drift, NeedsHuman, SignInFailed
from automator.flow import Next, Outcome
from automator.sites.base import FlowContext
from automator.sites.coursera.locators import Locators


class SigningIn:
    """The sign-in screens' handlers, over one language's locators."""

    def __init__(self, loc: Locators) -> None:
        self.loc = loc
        self.s = loc.s

    def click_log_in(self, page: Page, ctx: FlowContext) -> Outcome:
        ctx.click(self.loc.log_in_link(page).filter(visible=True).first, "Log In")
        return Next()

    def sign_in(self, page: Page, ctx: FlowContext) -> Outcome:
        """Fill the form once and submit; a refusal is final (no retry that could lock the account)."""
        if ctx.session_reused:
            ctx.info("The saved session has expired; signing in again.")
        credentials = ctx.credentials()
        scope = self.loc.sign_in_scope(page)
        password = self.loc.password_field(scope).first
        submit = self.loc.submit(scope).first
        self.loc.email_field(scope).first.fill(credentials.email)
        if not password.is_visible():  # identifier-first: email, Continue, then the password
            ctx.click(submit, "Continue")
            password.wait_for(state="visible", timeout=ctx.timeout_ms)
        password.fill(credentials.password)
        ctx.click(submit, "Log in")
        return self._sign_in_outcome(
            page, ctx, ctx.timeout_ms, self.loc.captcha(page), self.loc.two_factor_field(page)
        )

    def _sign_in_outcome(
        self, page: Page, ctx: FlowContext, timeout_ms: float, *next_screens: Locator
    ) -> Outcome:
        """After a sign-in step: signed in, a refusal (final), or one of the next sign-in screens."""
        error = self.loc.alert(page)
        waiting = error.or_(self.loc.avatar(page))
        for screen in next_screens:
            waiting = waiting.or_(screen)
        try:
            waiting.filter(visible=True).first.wait_for(state="visible", timeout=timeout_ms)
        except PlaywrightTimeout as exc:
            stop_loading(page)  # a page still loading cannot be looked at
            if self.loc.log_in_link(page).first.is_visible() and not self.loc.email_field(page).count():
                raise AutomatorError(
                    "after signing in, Coursera showed its signed-out page again: the sign-in did not "
                    "hold. Try again; if it keeps happening, sign in once with `automator login`"
                ) from exc
            raise Drift(
                "after the sign-in step, the page neither signed in nor said why", step="sign_in"
            ) from exc
        if error.count() and not self.loc.avatar(page).filter(visible=True).count():
            message = " ".join(error.first.inner_text().split())
            if self.s.other_service.search(message):
                raise NeedsHuman(
                    f"Coursera says: {message} This account signs in through another service, which "
                    "only you can do: run `automator login` once and sign in in the browser; later "
                    "runs reuse that session."
                )
            raise SignInFailed(f"Coursera refused the sign-in: {message}")
        return Next(waited=True)

    def solve_captcha(self, page: Page, ctx: FlowContext) -> Outcome:
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
        return self._sign_in_outcome(page, ctx, ctx.human_timeout_ms, self.loc.two_factor_field(page))

    def enter_two_factor_code(self, page: Page, ctx: FlowContext) -> Outcome:
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
            return self._sign_in_outcome(page, ctx, ctx.human_timeout_ms)
        field = self.loc.two_factor_field(page).first
        field.fill(code)
        ctx.click(self.loc.two_factor_submit(self.loc.sign_in_scope(page)).first, "Verify")
        return self._sign_in_outcome(page, ctx, ctx.timeout_ms)
