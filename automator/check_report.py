"""What `automator check` writes: report.json for programs, report.md and report.html for people
(the verdict first, a row per screen, and each changed screen's templates, diff and screenshots)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from automator.contracts import ScreenCheck
from automator.html_report import DiffLine, diff_lines, render

if TYPE_CHECKING:
    from automator.check import CheckReport


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
    """Template against template (the page's now, prices and dates as patterns, no URLs): only
    what changed shows, as `check --update` would write it."""
    if screen.expected is None or screen.actual is None:
        return []
    now = screen.suggested if screen.suggested is not None else screen.actual
    return diff_lines(screen.expected, now, "recorded (template)", "now (as a template)")


def render_markdown(report: CheckReport) -> str:
    head = {"unchanged": "no drift", "drift": "DRIFT", "error": "could not check"}[report.verdict]
    lines = [
        f"# {report.site_title} flow check: {head}".lstrip(),
        "",
        report.message,
        "",
        f"Site: {report.base_url}. Expected screens: {', '.join(report.expected)}. "
        f"Templates: {report.baseline or 'none recorded'}.",
        "",
        "| # | screen | verdict | what |",
        "|---|---|---|---|",
    ]
    for n, screen in enumerate(report.screens, 1):
        what = "; ".join(screen.problems + screen.notes).replace("|", "\\|")
        lines.append(f"| {n} | {screen.name} | {screen.verdict} | {what} |")
    for screen in report.screens:
        if screen.status == "unchanged":
            continue
        lines += ["", f"## {screen.name}: {screen.verdict}", ""]
        if screen.url:
            lines.append(
                f"URL: {screen.url}" + (f" · screenshot: `{screen.screenshot}`" if screen.screenshot else "")
            )
        lines += [f"- {problem}" for problem in screen.problems + screen.notes]
        for label, text in (
            ("Expected (template)", screen.expected),
            ("Actual", screen.actual),
            ("Suggested template", screen.suggested),
        ):
            if text:
                lines += ["", f"{label}:", "", "```yaml", text, "```"]
    return "\n".join(lines) + "\n"
