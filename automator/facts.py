"""What a run learnt about the subscription, as the person reads it: the approval summary,
the receipt of a verified cancellation, and run.json's `subscription`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from automator.approval import Approval, Summary
from automator.proof import utc_now
from automator.refund import refund_note
from automator.sites.base import Confirmation, FlowContext, Site
from automator.traffic import short_url


def summary(
    ctx: FlowContext, site: Site, confirmation: Confirmation | None = None, offer: str | None = None
) -> Summary:
    """What the person is asked to approve. Dates are the site's own words, with the same date
    as YYYY-MM-DD after them where the words are not already that."""

    def dated(text: str | None) -> str | None:
        iso = site.iso_date(text)
        return f"{text} ({iso})" if text and iso and iso not in text else text

    f = ctx.facts
    return Summary(
        f.plan or "your subscription",
        f.price,
        dated(f.next_billing_date),
        dated(f.access_until),
        offer=offer,
        button=confirmation.label if confirmation else "",
        terms=confirmation.terms if confirmation else None,
        trial_ends=(dated(f.trial_ends or f.access_until) or "the end of the trial") if f.trial else None,
    )


@dataclass(frozen=True)
class Confirmed:
    """The page's word that the subscription is cancelled, where it was, and when it came (UTC)."""

    notice: str
    url: str
    at: str = field(default_factory=utc_now)


def receipt(
    ctx: FlowContext, site: Site, seen: Confirmed, approval: Approval, started_at: str | None
) -> dict[str, object]:
    """The receipt of a verified cancellation: what was cancelled, the moments of it (UTC, taken
    as they happened: the run's start, the typed approval, the press, the page's confirmation),
    and whether a refund may be possible (the site's rules, today)."""
    f = ctx.facts
    note = refund_note(subscription_facts(ctx, site), date.today(), site.refund_rules)
    return {
        "cancelled_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "plan": f.plan,
        "price": f.price,
        "access_until": f.access_until,
        "access_until_date": site.iso_date(f.access_until),
        **({"trial": True, "trial_ends": f.trial_ends} if f.trial else {}),
        "confirmation": seen.notice,
        "url": short_url(seen.url),
        "started_at": started_at,
        "approved_at": approval.approved_at,
        "pressed": approval.summary.button,
        "pressed_at": approval.pressed_at,
        "confirmed_at": seen.at,
        **({"refund": note.as_dict()} if note else {}),
    }


def subscription_facts(ctx: FlowContext, site: Site) -> dict[str, object]:
    """What run.json keeps: the site's own words, and its dates also as YYYY-MM-DD (`dates`)."""
    f = ctx.facts
    read = {
        "next_billing_date": site.iso_date(f.next_billing_date),
        "access_until": site.iso_date(f.access_until),
        "trial_ends": site.iso_date(f.trial_ends),
    }
    dates = {name: iso for name, iso in read.items() if iso}
    data: dict[str, object] = {
        "plan": f.plan,
        "price": f.price,
        "next_billing_date": f.next_billing_date,
        "access_until": f.access_until,
        "survey_reason": f.reason,
        "offers": f.offers,
        "end_date_choice": f.end_date_choice,
        "route": f.route,
        "billing": f.billing,
        "trial": f.trial or None,
        "trial_ends": f.trial_ends,
        "all_subscriptions": f.subscriptions,
        "dates": dates,
    }
    return {k: v for k, v in data.items() if v not in (None, [], {})}
