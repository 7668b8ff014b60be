"""The final dialog and what follows it. Before anyone is asked, the dialog is checked against
the one the flow knows (it names the plan, one confirming button, one way back, nothing else to
act on); the approval gate then has it pressed or backed out of (never pressed if it changed
meanwhile), and after the confirming click the page must say the subscription is cancelled."""

from __future__ import annotations

import re

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from automator.errors import Drift
from automator.flow import visible
from automator.sites.base import Confirmation, FlowContext
from automator.sites.coursera.controls import Action, control, sort_actions
from automator.sites.coursera.locators import Locators


class FinalDialog:
    """The final dialog's inspection, way back and verification, over one language's locators."""

    def __init__(self, loc: Locators) -> None:
        self.loc = loc
        self.s = loc.s

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
        until = re.search(rf"(?:{self.s.access_until})\s+({self.s.date})", text, re.I)
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


def _names_plan(text: str, plan: str) -> bool:
    """The dialog names the plan: its whole name, or the name without its billing period."""
    short = re.sub(r"\s+(monthly|annual|yearly|subscription|free trial)$", "", plan, flags=re.I)
    lowered = text.lower()
    return plan.lower() in lowered or short.lower() in lowered
