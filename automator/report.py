"""run.json and report.html: what a run did, readable by programs and, offline, by people."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from automator.errors import ConfigError
from automator.flow import StepRecord
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
    """The run folder, made and proved writable before anything starts; ConfigError if it is not."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
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


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1f1f1f;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem} .status{display:inline-block;padding:.2rem .6rem;border-radius:1rem;
font-weight:600;background:#e8f0fe;color:#0b57d0} .status.bad{background:#fce8e6;color:#b3261e}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem} dt{font-weight:600}
ol{padding-left:1.2rem} li{margin:1.5rem 0} figure{margin:.5rem 0}
img{max-width:100%;border:1px solid #ccc;border-radius:6px}
.meta{color:#555;font-size:.9rem} code{background:#f3f3f3;padding:0 .25rem;border-radius:3px}
"""


def write_report_html(result: RunResult) -> Path:
    """A single offline HTML page: the outcome, the subscription and every step's screenshot."""
    e = html.escape
    good = result.status in (Status.CANCELLED, Status.DRY_RUN_COMPLETE)
    facts = "".join(
        f"<dt>{e(k.replace('_', ' ').capitalize())}</dt><dd>{e(_text(v))}</dd>"
        for k, v in result.subscription.items()
        if v not in (None, "", [])
    )
    steps = []
    for step in result.steps:
        shot = (
            (f'<figure><img src="{e(step.screenshot)}" alt="Screenshot: {e(step.title)}"></figure>')
            if step.screenshot
            else "<p><em>No screenshot.</em></p>"
        )
        note = f"<p>{e(step.note)}</p>" if step.note else ""
        steps.append(
            f"<li><h3>{e(step.title)}</h3><p class=meta><code>{e(step.name)}</code> · "
            f"{e(step.url)} · {step.seconds:.2f}s</p>{note}{shot}</li>"
        )
    extra = ""
    if "page_html" in result.details:
        saved = e(result.details["page_html"])
        extra = f'<p>The page where the run stopped: <a href="{saved}">{saved}</a></p>'
    page = f"""<!doctype html><html lang=en><head><meta charset=utf-8>
<title>automator run: {e(result.status.value)}</title><style>{_STYLE}</style></head><body>
<h1>{e(result.site_title)} cancellation {"(dry run)" if result.dry_run else ""}</h1>
<p><span class="status{"" if good else " bad"}">{e(result.status.value)}</span> {e(result.message)}</p>
<p class=meta>Started {e(result.started_at)} against {e(result.base_url)} · {result.seconds:.1f}s ·
personal data in screenshots is masked</p>
{f"<h2>Subscription</h2><dl>{facts}</dl>" if facts else ""}{extra}
<h2>Steps</h2><ol>{"".join(steps)}</ol></body></html>
"""
    path = result.out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def _text(value: Any) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)
