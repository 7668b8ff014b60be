"""The screens between a subscription's cancel button and the final dialog, which Coursera
shows or not: the reason survey (the person's --reason, else a neutral choice, else Skip), a
retention offer (recognised by kind and handed to the runner, which declines it or, when the
person asked for it, accepts and verifies it), and the choice of when the subscription ends
(always at the end of the paid period)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from automator.errors import AutomatorError, Drift
from automator.flow import AtOffer, Next, Outcome
from automator.sites.base import FlowContext, Offer
from automator.sites.coursera.controls import RADIO_NAMES, control, name_of, sort_actions
from automator.sites.coursera.locators import Locators
from automator.sites.coursera.subscriptions import offer_kind


class Retention:
    """The handlers of the survey, the offers and the end-date choice, over one language's locators."""

    def __init__(self, loc: Locators) -> None:
        self.loc = loc
        self.s = loc.s

    def answer_survey(self, page: Page, ctx: FlowContext) -> Outcome:
        """Pick the person's --reason, or a neutral one, and go on; or skip the survey."""
        dialog = self.loc.survey_dialog(page).first
        radios = dialog.get_by_role("radio")
        labels = [" ".join(str(label).split()) for label in radios.evaluate_all(RADIO_NAMES)]
        choice = choose_reason(labels, ctx.reason, self.s.neutral_reasons)
        if choice is None and ctx.reason:
            raise AutomatorError(reason_unmatched(ctx.reason, labels))  # before any click in it
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


def reason_unmatched(wanted: str, labels: list[str]) -> str:
    """Why --reason picked no survey choice, with the choices the page offers.

    Only the page knows them: the word tables hold only the neutral answers to look for."""
    needle = wanted.strip().lower()
    several = [label for label in labels if needle in label.lower()]
    choices = "; ".join(labels)
    if len(several) > 1:
        how = f"more than one of the survey's choices ({'; '.join(several)}); they are: {choices}"
    else:
        how = f"none of the survey's choices: {choices}"
    return (
        f"--reason {wanted!r} matches {how}. Nothing was chosen in the survey. Pass a unique part "
        "of one of them with --reason, or leave --reason out for a neutral one"
    )
