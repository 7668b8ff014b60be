"""run.json and report.html: what a run did, readable by programs and, offline, by people."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from automator.errors import ConfigError
from automator.flow import StepRecord
from automator.html_report import label, words, write_page
from automator.status import Status


@dataclass
class RunResult:
    status: Status
    message: str
    base_url: str
    dry_run: bool
    started_at: str
    out_dir: Path
    steps: list[StepRecord] = field(default_factory=list)
    subscription: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    site: str = ""  # the site's registry name
    site_title: str = ""  # and its name as people say it
    mask_legend: tuple[str, ...] = ()  # what the screenshots' masks hide, in words (the site's)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tool": "automator",
            "site": self.site,
            "status": self.status.value,
            "exit_code": self.status.exit_code,
            "message": self.message,
            "dry_run": self.dry_run,
            "base_url": self.base_url,
            "started_at": self.started_at,
            "seconds": round(self.seconds, 3),
            "subscription": self.subscription,
            "steps": [step.as_dict() for step in self.steps],
            **self.details,
        }


def prepare_out_dir(out_dir: Path) -> Path:
    """The run folder, made and proved writable before anything starts; ConfigError if it is not,
    or if it holds files already (an earlier run's report, screenshots and page would stand
    beside this run's, and be taken for them)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        held = sorted(path.name for path in out_dir.iterdir())
        if held:
            shown = ", ".join(held[:3]) + (", …" if len(held) > 3 else "")
            raise ConfigError(
                f"the run folder {out_dir} already holds files ({shown}), from an earlier run or "
                "another program: this run's would mix with them. Give --out a new or empty folder, "
                "or delete this one first"
            )
        probe = out_dir / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"cannot write the run folder {out_dir}: {exc.strerror or exc}") from exc
    return out_dir


def write_run_json(result: RunResult) -> Path:
    path = result.out_dir / "run.json"
    path.write_text(json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8")
    return path


# run.json's `subscription`, as the report shows it: its fields in this order, with these labels
# (the dates once, in the site's words; the offers as sentences, below them).
FACTS = {
    "plan": "Plan",
    "price": "Price",
    "trial": "Free trial",
    "trial_ends": "Trial ends",
    "next_billing_date": "Next billing date",
    "access_until": "Access until",
    "billed_by": "Billed by",
    "way_out": "Where to cancel it",
    "survey_reason": "Reason given",
    "end_date_choice": "When it ends",
    "route": "Way to the subscription",
    "all_subscriptions": "Subscriptions on the account",
}
NOT_SHOWN = {"dates", "offers"}
OFFER_KINDS = {"pause": "A pause", "discount": "A discount", "switch_annual": "A switch to the annual plan"}


def write_report_html(result: RunResult) -> Path:
    """A single offline HTML page: the outcome, the subscription and every step's screenshot."""
    return write_page(result.out_dir / "report.html", "run.html.j2", **report_context(result))


def report_context(result: RunResult) -> dict[str, Any]:
    kept = result.details.get("receipt")
    receipt = Path(kept).absolute() if kept else None  # in the data folder, not beside the report
    pdf = receipt.with_name("cancelled.pdf") if receipt else None
    return {
        "heading": f"{result.site_title} cancellation{' (dry run)' if result.dry_run else ''}".strip(),
        "status": result.status,
        "message": result.message,
        "started_at": result.started_at,
        "base_url": result.base_url,
        "seconds": result.seconds,
        "steps": [(n, step, step.stopped) for n, step in enumerate(result.steps, 1)],
        "page_html": result.details.get("page_html"),
        "facts": subscription_rows(result.subscription),
        "offers": [offer_sentence(offer) for offer in result.subscription.get("offers", [])],
        "mask_legend": result.mask_legend,
        "receipt": receipt,
        "receipt_pdf": pdf if pdf and pdf.is_file() else None,
    }


def subscription_rows(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """The subscription's facts as (label, words), known fields first, never a Python repr."""
    facts = dict(facts)
    billing = facts.pop("billing", None) or {}
    if billing:
        facts["billed_by"] = billing.get("provider") or label(str(billing.get("channel") or "elsewhere"))
        facts["way_out"] = billing.get("way_out")
    if facts.get("route"):
        facts["route"] = f"through {label(str(facts['route']))}"
    names = [*(name for name in FACTS if name in facts), *(n for n in facts if n not in FACTS)]
    rows = [(FACTS.get(name) or label(name), words(facts[name])) for name in names if name not in NOT_SHOWN]
    return [(name, text) for name, text in rows if text]


def offer_sentence(offer: dict[str, str]) -> str:
    """'A pause, “Take a break instead”: declined.'"""
    kind = OFFER_KINDS.get(offer.get("kind", ""), label(offer.get("kind") or "an offer"))
    title = f", “{offer['title']}”" if offer.get("title") else ""
    decision = offer.get("decision") or "met"
    return f"{kind}{title}: {'taken instead of cancelling' if decision == 'accepted' else decision}."
