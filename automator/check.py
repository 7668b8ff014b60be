"""`automator check`: walk the flow in dry run and say which screen changed, and how.

Every screen met is held against its contract (automator/contracts.py); the screens met are
compared with the ones the recording expects. The verdict is `unchanged`, `drift`, or
`error` when the walk failed for a reason that is not drift (site down, sign-in refused), so
that a schedule does not cry drift when the site is merely unavailable.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from automator.cancel import run_cancel
from automator.contracts import ScreenCheck, check_screen
from automator.credentials import Credentials
from automator.flow import Screen
from automator.html_report import DiffLine, diff_lines, render
from automator.interaction import Interaction
from automator.report import RunResult
from automator.settings import RunSettings
from automator.sites import site_named
from automator.sites.base import FlowContext, Site
from automator.status import Status

EXIT_UNCHANGED, EXIT_DRIFT, EXIT_ERROR = 0, 6, 1


@dataclass
class CheckReport:
    verdict: str  # "unchanged", "drift" or "error"
    message: str
    base_url: str
    expected: list[str]
    screens: list[ScreenCheck] = field(default_factory=list)
    site_title: str = ""  # the site's name as people say it, for the report's heading

    @property
    def exit_code(self) -> int:
        return {"unchanged": EXIT_UNCHANGED, "drift": EXIT_DRIFT}.get(self.verdict, EXIT_ERROR)

    def as_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "exit_code": self.exit_code,
            "message": self.message,
            "base_url": self.base_url,
            "expected_flow": self.expected,
            "screens": [screen.as_dict() for screen in self.screens],
        }


def _scrubber(ctx: FlowContext, site: Site) -> Callable[[str], str]:
    return lambda text: site.scrub(text, ctx)


def run_check(
    settings: RunSettings,
    credentials: Callable[[], Credentials],
    ui: Interaction,
    expected: list[str] | None = None,
    browser: Any = None,
) -> CheckReport:
    """Dry-run the flow with every screen checked; write report.md and report.json."""
    site = site_named(settings.site)
    checks: list[ScreenCheck] = []

    def observe(page: Page, screen: Screen, ctx: FlowContext) -> None:
        contract = site.contracts.get(screen.name)
        if contract is None:
            checks.append(ScreenCheck(screen.name, "unchanged"))
        else:
            checks.append(check_screen(page, screen.name, contract, _scrubber(ctx, site)))

    dry = RunSettings(**{**settings.__dict__, "dry_run": True})
    result = run_cancel(dry, credentials, ui, observe=observe, browser=browser)
    report = _verdict(result, checks, list(expected or site.expected_flow), site)
    write_reports(report, settings.out_dir)
    return report


def _verdict(result: RunResult, checks: list[ScreenCheck], expected: list[str], site: Site) -> CheckReport:
    screens = [step for step in result.steps if step.name not in ("stopped", "cancelled")]
    for check, step in zip(checks, screens, strict=False):
        check.title, check.url, check.screenshot = step.title, step.url, step.screenshot
    met = [check.name for check in checks]
    if result.details.get("session", {}).get("reused"):
        expected = [name for name in expected if name not in site.signed_out_screens]
    report = CheckReport("unchanged", "", result.base_url, expected, checks, site.title)
    if result.status is Status.UNRECOGNIZED_SCREEN:
        if checks and checks[-1].problems:
            checks[-1].breaking = True  # the walk stopped on this screen, which had changed
        report.screens.append(_where_it_stopped(result, met))
    elif result.status is not Status.DRY_RUN_COMPLETE:
        report.verdict = "error"
        report.message = f"The walk did not get through ({result.status.value}): {result.message}"
        return report
    for name in _missing(expected, met, stopped_early=result.status is Status.UNRECOGNIZED_SCREEN):
        report.screens.append(
            ScreenCheck(name=name, status="missing", problems=["expected, not met"], breaking=True)
        )
    _unread_facts(result, report.screens)
    breaking = [s for s in report.screens if s.status != "unchanged" and s.breaking]
    harmless = [s for s in report.screens if s.status != "unchanged" and not s.breaking]
    if breaking:
        report.verdict = "drift"
        report.message = "; ".join(f"{s.name}: {s.verdict}" for s in breaking)
    else:
        report.message = f"No breaking change: all {len(met)} screens work as the flow expects."
    if harmless:
        report.message += " Changed, harmless: " + ", ".join(s.name for s in harmless) + "."
    return report


def _where_it_stopped(result: RunResult, met: list[str]) -> ScreenCheck:
    """The screen the walk did not know, after the last one it did: always breaking."""
    stopped = result.steps[-1] if result.steps and result.steps[-1].name == "stopped" else None
    return ScreenCheck(
        name=f"after {met[-1] if met else 'start'}",
        status="new",
        title="A screen the flow does not know",
        url=stopped.url if stopped else "",
        screenshot=stopped.screenshot if stopped else None,
        problems=[result.message],
        breaking=True,
    )


def _unread_facts(result: RunResult, screens: list[ScreenCheck]) -> None:
    """A walk that got through but could no longer read the plan, its price or its dates broke
    what the person is shown before approving: that is breaking, at the subscriptions screen."""
    if result.status is not Status.DRY_RUN_COMPLETE:
        return
    facts = result.subscription
    trial = bool(facts.get("trial"))
    dated = facts.get("next_billing_date") or facts.get("access_until") or facts.get("trial_ends")
    unread = [
        what
        for what, known in (
            ("the plan", facts.get("plan")),
            ("its price", facts.get("price") or trial),
            ("its dates", dated),
        )
        if not known
    ]
    if unread:
        screen = next((s for s in screens if s.name == "subscriptions"), None)
        if screen is None:
            screen = ScreenCheck(name="subscriptions", status="changed")
            screens.append(screen)
        screen.status, screen.breaking = "changed", True
        screen.problems.append(f"{', '.join(unread)} can no longer be read")


def _missing(expected: list[str], met: list[str], stopped_early: bool) -> list[str]:
    """Expected screens not met, in order; after an early stop only those before the stop count."""
    remaining = list(met)
    missing = []
    for name in expected:
        if name in remaining:
            remaining.remove(name)
        elif not stopped_early:
            missing.append(name)
    return missing


def write_reports(report: CheckReport, out_dir: Path) -> None:
    (out_dir / "report.json").write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
    (out_dir / "report.md").write_text(render_markdown(report), encoding="utf-8")
    (out_dir / "report.html").write_text(render_html(report), encoding="utf-8")


# The verdict in words and its colour, for report.html (report.md keeps its own words).
HTML_VERDICTS = {
    "unchanged": ("No breaking change", "good"),
    "drift": ("DRIFT", "bad"),
    "error": ("Could not check", "attention"),
}


def render_html(report: CheckReport) -> str:
    """The verdict, a row per screen, and for each changed screen the recorded and current
    screenshots side by side with the ARIA diff (the template against what the page has)."""
    verdict, tone = HTML_VERDICTS[report.verdict]
    rows = [(n, screen, _tone(screen), _diff(screen)) for n, screen in enumerate(report.screens, 1)]
    return render(
        "check.html.j2",
        heading=f"{report.site_title} flow check".strip(),
        verdict=verdict,
        tone=tone,
        message=report.message,
        base_url=report.base_url,
        expected=report.expected,
        rows=rows,
    )


def _tone(screen: ScreenCheck) -> str:
    if screen.status == "unchanged":
        return "good"
    return "bad" if screen.breaking else "attention"


def _diff(screen: ScreenCheck) -> list[DiffLine]:
    if screen.expected is None or screen.actual is None:
        return []
    return diff_lines(screen.expected, screen.actual, "recorded (template)", "now (the page)")


def render_markdown(report: CheckReport) -> str:
    head = {"unchanged": "no drift", "drift": "DRIFT", "error": "could not check"}[report.verdict]
    lines = [
        f"# {report.site_title} flow check: {head}".lstrip(),
        "",
        report.message,
        "",
        f"Site: {report.base_url}. Expected screens: {', '.join(report.expected)}.",
        "",
        "| # | screen | verdict | what |",
        "|---|---|---|---|",
    ]
    for n, screen in enumerate(report.screens, 1):
        what = "; ".join(screen.problems).replace("|", "\\|")
        lines.append(f"| {n} | {screen.name} | {screen.verdict} | {what} |")
    for screen in report.screens:
        if screen.status == "unchanged":
            continue
        lines += ["", f"## {screen.name}: {screen.verdict}", ""]
        if screen.url:
            lines.append(
                f"URL: {screen.url}" + (f" · screenshot: `{screen.screenshot}`" if screen.screenshot else "")
            )
        lines += [f"- {problem}" for problem in screen.problems]
        for label, text in (
            ("Expected (template)", screen.expected),
            ("Actual", screen.actual),
            ("Suggested template", screen.suggested),
        ):
            if text:
                lines += ["", f"{label}:", "", "```yaml", text, "```"]
    return "\n".join(lines) + "\n"
