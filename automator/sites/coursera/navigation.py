"""From signed in to the Subscriptions page, the route a person would take: the avatar's
account menu → Settings → the Subscriptions entry in its sidebar; where Settings has no such
entry, the account menu's My Purchases → its Manage Subscriptions tab. The route taken is kept
in the run's facts."""

from __future__ import annotations

import re

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.errors import Drift
from automator.flow import Next, Outcome
from automator.sites.base import FlowContext
from automator.sites.coursera.locators import Locators


class Navigation:
    """The handlers of the signed-in page, Account settings and My Purchases."""

    def __init__(self, loc: Locators) -> None:
        self.loc = loc
        self.s = loc.s

    def _open_menu_item(self, page: Page, ctx: FlowContext, name: re.Pattern[str], label: str) -> bool:
        """Avatar → the account menu's item; False when the menu has no such item."""
        ctx.click(self.loc.avatar(page).filter(visible=True).first, "the account menu")
        item = self.loc.menu_item(page, name)
        try:
            item.first.wait_for(state="visible", timeout=ctx.timeout_ms)
        except PlaywrightTimeout:
            return False
        ctx.click(item.first, label)
        return True

    def open_settings(self, page: Page, ctx: FlowContext) -> Outcome:
        """Avatar menu → Settings, the route the person would take."""
        if not self._open_menu_item(page, ctx, self.s.menu_settings, "Settings"):
            raise Drift("the account menu has no 'Settings' item", step="signed_in")
        return Next()

    def open_subscriptions(self, page: Page, ctx: FlowContext) -> Outcome:
        """Settings' sidebar → Subscriptions; without that entry, the avatar menu's My Purchases."""
        entry = self.loc.subscriptions_entry(page).filter(visible=True)
        if entry.count() == 1:
            ctx.facts.route = "settings"
            ctx.click(entry, "Subscriptions")
            return Next()
        if ctx.facts.route == "my_purchases":
            raise Drift(
                "neither Settings nor My Purchases leads to the subscriptions", step="account_settings"
            )
        ctx.facts.route = "my_purchases"
        ctx.info("Settings has no Subscriptions entry; trying My Purchases → Manage Subscriptions.")
        if not self._open_menu_item(page, ctx, self.s.menu_my_purchases, "My Purchases"):
            raise Drift(
                "Account settings has no 'Subscriptions' entry and the account menu no 'My Purchases'",
                step="account_settings",
            )
        return Next()

    def open_manage_subscriptions(self, page: Page, ctx: FlowContext) -> Outcome:
        tab = self.loc.manage_subscriptions_tab(page)
        if tab.count() != 1:
            raise Drift("My Purchases has no 'Manage Subscriptions' tab", step="my_purchases")
        ctx.facts.route = "my_purchases"
        ctx.click(tab, "Manage Subscriptions")
        return Next()
