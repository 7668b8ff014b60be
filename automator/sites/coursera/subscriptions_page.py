"""The Subscriptions page in the browser: its rows read in one round trip (by what they hold,
never by position), the subscription to cancel chosen and its cancel button pressed, or the
reason there is nothing to do (no subscription, already cancelled, billed elsewhere); and,
after the cancellation, what the page shows for the run's plan. The rules for a row's text are
subscriptions.py's pure functions."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page

from automator.errors import Drift
from automator.flow import Done, Next, Outcome
from automator.holdings import Holding
from automator.sites.base import FlowContext
from automator.sites.coursera.controls import name_of
from automator.sites.coursera.locators import Locators
from automator.sites.coursera.subscriptions import (
    GOOGLE_PLAY_URL,
    NotChosen,
    Row,
    choose,
    holding,
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


class SubscriptionsPage:
    """The Subscriptions page's handler and readers, over one language's locators."""

    def __init__(self, loc: Locators) -> None:
        self.loc = loc
        self.s = loc.s

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

    def listed(self, page: Page, ctx: FlowContext) -> list[tuple[Row, Locator]]:
        """Every subscription on the page (kept in the facts); none only where the page says so."""
        found = self.rows(page)
        ctx.facts.subscriptions = [row.line() for row, _ in found]
        if found:
            return found
        if not self.s.no_subscription.search(" ".join(page.locator("body").inner_text().split())):
            raise Drift(
                "the Subscriptions page lists no subscription and does not say there is none",
                step="subscriptions",
            )
        return found

    def holdings(self, page: Page, ctx: FlowContext) -> list[Holding]:
        """The subscriptions as `automator status` reads them; nothing on the page is pressed."""
        return [holding(row) for row, _ in self.listed(page, ctx)]

    def start_cancelling(self, page: Page, ctx: FlowContext) -> Outcome:
        """Find the subscription to cancel; press its cancel button, or say why there is nothing to do."""
        found = self.listed(page, ctx)
        rows = [row for row, _ in found]
        if not rows:
            return Done(Status.NO_SUBSCRIPTION, "This account has no subscription to cancel.")
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
