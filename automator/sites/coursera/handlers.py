"""What the flow does on each Coursera screen. Every click goes through the context's `click`
and `check` (they wait until a control can take it, and say at once when it cannot), and
every control is one the string table names."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.browser import stop_loading
from automator.errors import AutomatorError, Drift, NeedsHuman, SignInFailed
from automator.flow import AtOffer, Done, Next, Outcome, visible
from automator.sites.base import Confirmation, FlowContext, Offer
from automator.sites.coursera.controls import RADIO_NAMES, Action, control, name_of, sort_actions
from automator.sites.coursera.locators import Locators
from automator.sites.coursera.subscriptions import (
    GOOGLE_PLAY_URL,
    NotChosen,
    Row,
    choose,
    offer_kind,
    parse_row,
    way_out,
)
from automator.status import Status

# Each subscription row, read in one round trip from the page's headings: a plan's row is the
# nearest list item, table row, article or section around its heading (else the nearest
# container with controls or labelled details) that holds no other heading. Positions of the
# rows are found here, by what they hold, never assumed.
ROWS = """(headings, skip) => {
  const heading = "h1,h2,h3,h4,h5,h6,[role=heading]";
  const rowlike = e => ["LI", "TR", "ARTICLE", "SECTION", "FIELDSET"].includes(e.tagName)
    || ["listitem", "row", "article", "group", "region"].includes(e.getAttribute("role"));
  const controls = "button,a[href],[role=button],[role=link],dl,[role=term]";
  const page = new RegExp(skip, "i");
  return headings.map((h, index) => {
    const name = (h.innerText || "").trim().replace(/\\s+/g, " ");
    if (!name || page.test(name)) return null;
    const chain = [];
    for (let node = h, up = 1; node.parentElement && node.parentElement !== document.body; up++) {
      node = node.parentElement;
      const other = o => o !== h && !h.contains(o) && o.innerText.trim();
      if ([...node.querySelectorAll(heading)].some(other)) break;
      chain.push([node, up]);
    }
    const pick = chain.find(([e]) => rowlike(e)) || chain.find(([e]) => e.querySelector(controls));
    if (!pick) return null;
    const [row, up] = pick;
    const all = sel => [...row.querySelectorAll(sel)].map(e => e.innerText);
    return {index, up, name, text: row.innerText,
            terms: all("dt,[role=term]"), values: all("dd,[role=definition]")};
  }).filter(Boolean);
}"""
# Rows of a table whose plan names are not headings: the first cell names the plan.
TABLE_ROWS = """rows => rows.map((r, index) => {
  if (r.querySelector("th[scope=col],[role=columnheader]")) return null;
  const cells = [...r.querySelectorAll("td,th,[role=cell],[role=rowheader],[role=gridcell]")];
  const name = cells.length ? cells[0].innerText.trim().replace(/\\s+/g, " ") : "";
  return name ? {index, up: 0, name, text: r.innerText, terms: [], values: []} : null;
}).filter(Boolean)"""


class Handlers:
    """The screens' handlers, over one language's locators."""

    def __init__(self, loc: Locators) -> None:
        self.loc = loc
        self.s = loc.s

    # -- signing in -------------------------------------------------------------------------
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

    # -- to the subscriptions ---------------------------------------------------------------
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

    # -- the subscriptions ------------------------------------------------------------------
    def rows(self, page: Page) -> list[tuple[Row, Locator]]:
        """Every subscription on the page, with the part of the page that is its row."""
        headings = page.get_by_role("heading")
        skip = "|".join(
            p.pattern
            for p in (self.s.subscriptions_heading, self.s.settings_heading, self.s.my_purchases_heading)
        )
        read: list[dict[str, Any]] = headings.evaluate_all(ROWS, skip)
        base = headings
        if not read:
            base = page.get_by_role("row")
            read = base.evaluate_all(TABLE_ROWS)
        found = []
        for data in read:
            item = base.nth(int(data["index"]))
            row = item.locator(f"xpath=ancestor::*[{int(data['up'])}]") if data["up"] else item
            cancellable = self.loc.row_cancel(row).count() == 1
            details = dict(zip(data["terms"], data["values"], strict=False))
            parsed = parse_row(str(data["name"]), str(data["text"]), cancellable, details, self.s)
            if (
                parsed.price
                or parsed.next_billing_date
                or parsed.access_until
                or parsed.trial_ends
                or (parsed.cancellable or parsed.channel != "coursera" or parsed.state != "active")
            ):
                found.append((parsed, row))
        return found

    def start_cancelling(self, page: Page, ctx: FlowContext) -> Outcome:
        """Find the subscription to cancel; press its cancel button, or say why there is nothing to do."""
        found = self.rows(page)
        rows = [row for row, _ in found]
        ctx.facts.subscriptions = [row.line() for row in rows]
        if not rows:
            if self.s.no_subscription.search(" ".join(page.locator("body").inner_text().split())):
                return Done(Status.NO_SUBSCRIPTION, "This account has no subscription to cancel.")
            raise Drift(
                "the Subscriptions page lists no subscription and does not say there is none",
                step="subscriptions",
            )
        chosen = self._choose(rows, ctx)
        facts = ctx.facts
        facts.plan, facts.price = chosen.name, chosen.price
        facts.next_billing_date, facts.access_until = chosen.next_billing_date, chosen.access_until
        facts.trial, facts.trial_ends = chosen.trial, chosen.trial_ends
        if chosen.trial and chosen.trial_ends and not facts.access_until:
            facts.access_until = chosen.trial_ends
        if chosen.channel != "coursera":
            facts.billing = {
                "channel": chosen.channel,
                "provider": chosen.provider,
                "way_out": way_out(chosen),
            }
            if chosen.channel == "google_play":
                facts.billing["url"] = GOOGLE_PLAY_URL
            return Done(Status.BILLED_ELSEWHERE, f"{chosen.name}: {way_out(chosen)}")
        if chosen.state == "cancelled":
            tail = f" You have access until {chosen.access_until}." if chosen.access_until else ""
            return Done(Status.ALREADY_CANCELLED, f"{chosen.name} is already cancelled.{tail}")
        if not chosen.cancellable:
            raise Drift(f"'{chosen.name}' is {chosen.state} and has no cancel button", step="subscriptions")
        button = self.loc.row_cancel(found[rows.index(chosen)][1])
        ctx.click(button, name_of(button) or "Cancel Subscription")
        return Next()

    @staticmethod
    def _choose(rows: list[Row], ctx: FlowContext) -> Row:
        try:
            chosen = choose(rows, ctx.subscription)
        except NotChosen:
            index = ctx.choose(rows) if ctx.subscription is None else None
            if index is None:
                raise
            chosen = rows[index]
        assert chosen is not None
        return chosen

    # -- on the way -------------------------------------------------------------------------
    def answer_survey(self, page: Page, ctx: FlowContext) -> Outcome:
        """Pick the person's --reason, or a neutral one, and go on; or skip the survey."""
        dialog = self.loc.survey_dialog(page).first
        radios = dialog.get_by_role("radio")
        labels = [" ".join(str(label).split()) for label in radios.evaluate_all(RADIO_NAMES)]
        choice = choose_reason(labels, ctx.reason, self.s.neutral_reasons)
        if choice is None and ctx.reason:
            raise AutomatorError(
                f"--reason {ctx.reason!r} matches no single survey choice; "
                f"the choices are: {'; '.join(labels)}"
            )
        skip = self.loc.skip(dialog)
        if choice is None and skip.count() == 1:
            ctx.facts.reason = "(skipped)"
            ctx.click(skip, name_of(skip) or "Skip")
            return Next()
        if choice is None:
            raise Drift(
                f"the survey has no neutral reason to pick (choices: {'; '.join(labels)}); "
                "pass one with --reason",
                step="cancel_survey",
            )
        ctx.check(radios.nth(choice), labels[choice])
        ctx.facts.reason = labels[choice]
        go_on = self.loc.proceed(dialog).first
        ctx.click(go_on, name_of(go_on) or "Continue")
        return Next()

    def meet_offer(self, page: Page, ctx: FlowContext) -> Outcome:
        """A retention offer: recognised by kind, or stopped at as unknown. The runner decides."""
        dialog = self.loc.offer_dialog(page).first
        title = dialog.get_by_role("heading").first
        name = " ".join(title.inner_text().split()) if title.count() else ""
        text = " ".join(dialog.inner_text().split())
        kind = offer_kind(f"{name} {text}", self.s)
        if kind is None:
            raise Drift(
                f"a retention offer the flow does not know: {name or text[:80]!r}", step="retention_offer"
            )
        found = sort_actions(dialog.aria_snapshot(timeout=ctx.timeout_ms), self.s)
        decline = found["decline"][0]
        accepts = [a.name for a in found["other"] if a.role == "button"]
        return AtOffer(
            Offer(
                kind=kind,
                title=name,
                text=text,
                dialog=dialog,
                accept=dialog.get_by_role("button", name=accepts[0] if accepts else "", exact=True),
                decline=control(dialog, decline),
                accept_label=accepts[0] if len(accepts) == 1 else None,
                decline_label=decline.name,
            )
        )

    def decline_offer(self, page: Page, offer: Offer, ctx: FlowContext) -> Next:
        ctx.click(offer.decline, offer.decline_label)
        return Next()

    def verify_offer(self, page: Page, offer: Offer, ctx: FlowContext) -> str:
        """After accepting: the Subscriptions page must show the changed subscription."""
        self.loc.subscriptions_heading(page).first.wait_for(state="visible", timeout=ctx.timeout_ms)
        notice = page.get_by_role("status").filter(has_text=re.compile(r"\S"))
        notice.first.wait_for(state="visible", timeout=ctx.timeout_ms)
        return " ".join(notice.first.inner_text().split())

    def choose_end_date(self, page: Page, ctx: FlowContext) -> Outcome:
        """Keep access to the end of the paid period: never give up time already paid for."""
        dialog = self.loc.end_date_dialog(page).first
        keep = dialog.get_by_role("radio", name=self.s.at_period_end).first
        label = " ".join(str(keep.evaluate(f"e => ({RADIO_NAMES})([e])[0]")).split())
        ctx.check(keep, label)
        ctx.facts.end_date_choice = label
        go_on = self.loc.proceed(dialog).first
        ctx.click(go_on, name_of(go_on) or "Continue")
        return Next()

    # -- the final dialog --------------------------------------------------------------------
    def inspect_confirmation(self, page: Page, ctx: FlowContext) -> Confirmation:
        """The final dialog, checked against what the flow knows of it, before anyone is asked.

        It must name the plan, and hold exactly one confirming button the table knows and one
        way back (a close control besides is allowed), and nothing else a person could act on:
        a third button (an offer), a text field (type CANCEL to confirm), a checkbox. A
        confirming button that is disabled is drift too. Raises Drift naming what differs."""
        dialog = self.loc.confirm_dialog(page).first
        snapshot = dialog.aria_snapshot(timeout=ctx.timeout_ms)
        lines = dialog.inner_text()
        text = " ".join(lines.split())
        found = sort_actions(snapshot, self.s)
        problems = self._problems(found, text, ctx.facts.plan)
        if problems:
            raise Drift(
                "the final dialog is not the one the flow knows, so it is not pressed: "
                + "; ".join(problems),
                step="confirm_cancel",
            )
        confirm = found["confirm"][0]
        back = (found["back"] or found["close"])[0]
        self._read_dialog(text, ctx)
        ctx.facts.confirm_button = confirm.name
        return Confirmation(
            dialog=dialog,
            button=dialog.get_by_role("button", name=confirm.name, exact=True),
            label=confirm.name,
            way_back=control(dialog, back),
            way_back_label=back.name,
            terms=self._terms(lines),
            snapshot=snapshot,
        )

    @staticmethod
    def _problems(found: dict[str, list[Action]], text: str, plan: str | None) -> list[str]:
        """How a final dialog differs from the one the flow may press; empty when it does not."""
        confirms, backs, closes = found["confirm"], found["back"], found["close"]
        problems = []
        if len(confirms) != 1:
            problems.append(f"{len(confirms)} confirming buttons ({', '.join(a.name for a in confirms)})")
        if found["field"]:
            fields = ", ".join(f"{a.role} {a.name!r}" for a in found["field"])
            problems.append(f"a field to fill in ({fields}) before it can be confirmed")
        others = found["other"] + found["decline"]
        if others:
            problems.append(f"actions the flow does not know ({', '.join(repr(a.name) for a in others)})")
        if not ((len(backs) == 1 and len(closes) <= 1) or (not backs and len(closes) == 1)):
            problems.append(f"no single way back ({', '.join(a.name for a in backs + closes) or 'none'})")
        if len(confirms) == 1 and confirms[0].disabled:
            problems.append(f"its '{confirms[0].name}' button is disabled")
        if plan and not _names_plan(text, plan):
            problems.append(f"it does not name the plan '{plan}'")
        return problems

    def _read_dialog(self, text: str, ctx: FlowContext) -> None:
        until = re.search(rf"until\s+({self.s.date})", text, re.I)
        if until:
            ctx.facts.access_until = until.group(1)
        if not ctx.facts.price:
            price = re.search(self.s.price, text, re.I)
            ctx.facts.price = price.group(0) if price else None

    def _terms(self, text: str) -> str | None:
        """The dialog's own sentences about access and charges, as it words them."""
        sentences = [s.strip() for line in text.splitlines() for s in re.split(r"(?<=[.!?])\s+", line)]
        said = [" ".join(s.split()) for s in sentences if s and self.s.terms.search(s)]
        return " ".join(said[:2]) or None

    @staticmethod
    def unchanged(page: Page, confirmation: Confirmation) -> bool:
        """The final dialog is still exactly as it was when the person was asked."""
        try:
            return bool(confirmation.dialog.aria_snapshot(timeout=5000) == confirmation.snapshot)
        except PlaywrightError:
            return False

    def back_out(self, page: Page, confirmation: Confirmation, ctx: FlowContext) -> None:
        """Leave the final dialog by its way back; nothing is sent."""
        ctx.click(confirmation.way_back, confirmation.way_back_label)
        self.loc.confirm_dialog(page).first.wait_for(state="hidden", timeout=ctx.timeout_ms)

    def verify_cancelled(self, page: Page, ctx: FlowContext) -> str:
        """After the confirming click: the page must say the subscription is cancelled."""
        error = self.loc.alert(self.loc.confirm_dialog(page))
        notice = self.loc.cancelled_notice(page)
        form = self.loc.email_field(page)
        if not ctx.wait(lambda ms: visible(notice.or_(error).or_(form).first, ms)):
            raise Drift(
                "the page after the confirming click neither confirmed the cancellation nor said why",
                step="confirm_cancel",
            )
        if form.count():
            raise Drift("the session ended after the confirming button was pressed", step="confirm_cancel")
        if not notice.count():
            raise Drift(
                f"Coursera answered: {' '.join(error.first.inner_text().split())}", step="confirm_cancel"
            )
        text = " ".join(notice.first.inner_text().split())
        until = re.search(self.s.date, text, re.I)
        if until:
            ctx.facts.access_until = until.group(0)
        return text

    def subscription_state(self, page: Page, ctx: FlowContext) -> str | None:
        """What the Subscriptions page shows for the run's plan: "cancelled", or "active" (with its
        cancel button); None when that row is missing or shows anything else."""
        for row, _ in self.rows(page):
            if row.name != ctx.facts.plan:
                continue
            if row.state == "cancelled":
                ctx.facts.access_until = row.access_until or ctx.facts.access_until
                return "cancelled"
            return "active" if row.state == "active" and row.cancellable else None
        return None


def choose_reason(labels: list[str], wanted: str | None, neutral: tuple[re.Pattern[str], ...]) -> int | None:
    """The survey choice: the person's --reason (a unique part of its text), else a neutral one."""
    if wanted:
        needle = wanted.strip().lower()
        exact = [i for i, label in enumerate(labels) if label.lower() == needle]
        partial = [i for i, label in enumerate(labels) if needle in label.lower()]
        found = exact or partial
        return found[0] if len(found) == 1 or exact else None
    for pattern in neutral:
        for i, label in enumerate(labels):
            if pattern.search(label):
                return i
    return None


def _names_plan(text: str, plan: str) -> bool:
    """The dialog names the plan: its whole name, or the name without its billing period."""
    short = re.sub(r"\s+(monthly|annual|yearly|subscription|free trial)$", "", plan, flags=re.I)
    lowered = text.lower()
    return plan.lower() in lowered or short.lower() in lowered
