"""Every locator of coursera.org, written once, from the string table of one language.

Order of preference (../shared/coursera-site.md): ARIA role and accessible name, then the
site's `data-e2e` hooks, then `name=` attributes. Never layout, position, element type
(`get_by_role` finds a `<button>` and a `<div role="button">` alike), nesting, or generated
class names and ids.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from automator.flow import open_dialogs
from automator.sites.coursera.strings import Strings

Scope = Page | Locator


class Locators:
    """The locators of one language's table."""

    def __init__(self, s: Strings) -> None:
        self.s = s

    # -- generic ---------------------------------------------------------------------------
    @staticmethod
    def control(scope: Scope, name: str | re.Pattern[str], exact: bool = False) -> Locator:
        """A button or a link by its accessible name: sites use either for the same action."""
        return scope.get_by_role("button", name=name, exact=exact).or_(
            scope.get_by_role("link", name=name, exact=exact)
        )

    @staticmethod
    def dialogs(page: Page) -> Locator:
        return open_dialogs(page)

    # -- signed out and sign-in --------------------------------------------------------------
    def log_in_link(self, page: Page) -> Locator:
        return page.locator('[data-e2e="header-login-button"]').or_(self.control(page, self.s.log_in))

    @staticmethod
    def email_field(scope: Scope) -> Locator:
        return scope.locator('input[name="email"], input[type="email"]').filter(visible=True)

    @staticmethod
    def password_field(scope: Scope) -> Locator:
        return scope.locator('input[name="password"], input[type="password"]').filter(visible=True)

    def submit(self, scope: Scope) -> Locator:
        return (
            scope.locator('[data-e2e="login-form-submit-button"]')
            .or_(scope.get_by_role("button", name=self.s.sign_in_submit))
            .filter(visible=True)
        )

    def sign_in_scope(self, page: Page) -> Scope:
        """Where the sign-in form is: the modal dialog that holds it (?authMode=login), or the page."""
        dialog = self.dialogs(page).filter(has=self.email_field(page).or_(self.password_field(page)))
        return dialog.first if dialog.count() else page

    @staticmethod
    def alert(scope: Scope) -> Locator:
        return scope.get_by_role("alert").filter(has_text=re.compile(r"\S")).filter(visible=True)

    @staticmethod
    def captcha(page: Page) -> Locator:
        """reCAPTCHA's image challenge (its frame), not the invisible badge every page carries."""
        return page.locator(
            'iframe[src*="recaptcha"][src*="bframe"], iframe[title*="recaptcha challenge" i]'
        ).filter(visible=True)

    def two_factor_field(self, page: Page) -> Locator:
        return (
            page.locator('input[autocomplete="one-time-code"]')
            .or_(page.get_by_role("textbox", name=self.s.two_factor_field))
            .filter(visible=True)
        )

    def two_factor_submit(self, scope: Scope) -> Locator:
        return scope.get_by_role("button", name=self.s.two_factor_submit).filter(visible=True)

    # -- signed in ---------------------------------------------------------------------------
    def avatar(self, page: Page) -> Locator:
        return page.locator('[data-e2e="header-profile"]').or_(
            page.get_by_role("button", name=self.s.avatar_label)
        )

    def menu_item(self, page: Page, name: re.Pattern[str]) -> Locator:
        """An item of the open account menu: a menuitem, or a link in a menu."""
        return (
            page.get_by_role("menuitem", name=name)
            .or_(page.get_by_role("menu").get_by_role("link", name=name))
            .filter(visible=True)
        )

    def settings_heading(self, page: Page) -> Locator:
        return page.get_by_role("heading", name=self.s.settings_heading)

    def subscriptions_entry(self, page: Page) -> Locator:
        """Settings' sidebar entry for Subscriptions: a link or a tab, in a navigation if one has it."""
        named = self.s.subscriptions_link
        anywhere = page.get_by_role("link", name=named).or_(page.get_by_role("tab", name=named))
        in_nav = page.get_by_role("navigation").get_by_role("link", name=named)
        return in_nav if in_nav.count() == 1 else anywhere

    def subscriptions_heading(self, page: Page) -> Locator:
        """Settings → Subscriptions, or My Purchases → Manage Subscriptions (the help centre's route)."""
        return page.get_by_role("heading", name=self.s.subscriptions_heading)

    def my_purchases_heading(self, page: Page) -> Locator:
        return page.get_by_role("heading", name=self.s.my_purchases_heading)

    def manage_subscriptions_tab(self, page: Page) -> Locator:
        named = self.s.manage_subscriptions_tab
        return page.get_by_role("tab", name=named).or_(self.control(page, named)).filter(visible=True)

    def row_cancel(self, row: Locator) -> Locator:
        return self.control(row, self.s.row_cancel).filter(visible=True)

    # -- dialogs on the way ------------------------------------------------------------------
    def confirm_dialog(self, page: Page) -> Locator:
        """The final dialog: a modal dialog with a confirming button the table knows."""
        return self.dialogs(page).filter(has=page.get_by_role("button", name=self.s.confirm))

    def end_date_dialog(self, page: Page) -> Locator:
        """Keep access to the end of the paid period, or end now: a choice some accounts get."""
        return self.dialogs(page).filter(has=page.get_by_role("radio", name=self.s.at_period_end))

    def survey_dialog(self, page: Page) -> Locator:
        """The reason survey: choices (radio buttons) and a way on."""
        return (
            self.dialogs(page)
            .filter(has=page.get_by_role("radio"))
            .filter(has=page.get_by_role("button", name=self.s.proceed).or_(self.control(page, self.s.skip)))
        )

    def offer_dialog(self, page: Page) -> Locator:
        """A retention offer: a dialog with a way to decline it and go on cancelling, and no choices."""
        return (
            self.dialogs(page)
            .filter(has=self.control(page, self.s.decline_offer))
            .filter(has_not=page.get_by_role("radio"))
        )

    def decline(self, dialog: Locator) -> Locator:
        return self.control(dialog, self.s.decline_offer).filter(visible=True)

    def proceed(self, dialog: Locator) -> Locator:
        return dialog.get_by_role("button", name=self.s.proceed).filter(visible=True)

    def skip(self, dialog: Locator) -> Locator:
        return self.control(dialog, self.s.skip).filter(visible=True)

    def way_back(self, dialog: Locator) -> Locator:
        return self.control(dialog, self.s.way_back).filter(visible=True)

    def close(self, dialog: Locator) -> Locator:
        return self.control(dialog, self.s.close).filter(visible=True)

    # -- after -------------------------------------------------------------------------------
    def cancelled_notice(self, page: Page) -> Locator:
        return page.get_by_role("status").filter(has_text=self.s.cancelled_notice).filter(visible=True)
