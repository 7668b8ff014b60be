"""`automator check`: walk the flow in dry run and say which screen changed, and how.

Every screen met is held against its contract (automator/contracts.py: the locators, in the
site's code) and the recording's template of the region the flow acts in (automator/
contract_files.py); the screens met are compared with the ones the recording expects. Without
a recording named, the site's bundled recording in the language the walk met is the baseline.
The verdict is `unchanged`, `drift`, or
`error` when the walk failed for a reason that is not drift (site down, sign-in refused), so
that a schedule does not cry drift when the site is merely unavailable.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from automator.cancel import run_cancel
from automator.check_report import write_reports
from automator.contract_files import recorded_screenshot, recorded_template
from automator.contracts import Contract, ScreenCheck, check_screen
from automator.credentials import Credentials
from automator.flow import Screen
from automator.interaction import Interaction
from automator.recording import Recording, bundled_recording, load_recording
from automator.report import RunResult
from automator.settings import RunSettings
from automator.sites import site_named
from automator.sites.base import FlowContext, Site
from automator.status import Status
from automator.watch import Watch

EXIT_UNCHANGED, EXIT_DRIFT, EXIT_ERROR = 0, 6, 1


@dataclass
class CheckReport:
    verdict: str  # "unchanged", "drift" or "error"
    message: str
    base_url: str
    expected: list[str]
    screens: list[ScreenCheck] = field(default_factory=list)
    site_title: str = ""  # the site's name as people say it, for the report's heading
    baseline: str = ""  # the recording whose templates the screens were held against

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
            "baseline": self.baseline,
            "screens": [screen.as_dict() for screen in self.screens],
        }


def _scrubber(ctx: FlowContext, site: Site) -> Callable[[str], str]:
    return lambda text: site.scrub(text, ctx)


@dataclass
class Baseline:
    """Where the templates come from: the recording named, else the site's bundled recording
    in the language of the page (the walk may switch language once signed in)."""

    named: Recording | None
    used: list[str] = field(default_factory=list)  # the recordings' folders, as met
    _bundled: dict[str, Recording | None] = field(default_factory=dict)  # loaded once per language

    def recording(self, site: Site) -> Recording | None:
        if self.named is not None:
            recording: Recording | None = self.named
        else:
            if site.language not in self._bundled:
                self._bundled[site.language] = bundled_recording(site.recordings.get(site.language))
            recording = self._bundled[site.language]
        if recording is not None and str(recording.directories[0]) not in self.used:
            self.used.append(str(recording.directories[0]))
        return recording

    def hold(self, page: Page, screen: str, contract: Contract, ctx: FlowContext, site: Site) -> ScreenCheck:
        """The screen against its contract and the recording's template (and its screenshot)."""
        recording = self.recording(site) if contract.region else None
        template = recorded_template(recording, screen) if recording else None
        check = check_screen(page, screen, contract, template, _scrubber(ctx, site))
        shot = recorded_screenshot(recording, screen) if recording else None
        check.recorded_screenshot = str(shot) if shot else None  # copied beside the report if changed
        return check


def run_check(
    settings: RunSettings,
    credentials: Callable[[], Credentials],
    ui: Interaction,
    recording: Recording | None = None,
    browser: Any = None,
) -> CheckReport:
    """Dry-run the flow with every screen checked; write report.md and report.json."""
    site = site_named(settings.site)
    checks: list[ScreenCheck] = []
    baseline = Baseline(recording)

    def observe(page: Page, screen: Screen, ctx: FlowContext, now: Site) -> None:
        contract = now.contracts.get(screen.name)
        if contract is None:
            checks.append(ScreenCheck(screen.name, "unchanged"))
        else:
            checks.append(baseline.hold(page, screen.name, contract, ctx, now))

    dry = RunSettings(**{**settings.__dict__, "dry_run": True})
    result = run_cancel(dry, credentials, ui, Watch(observe), browser=browser)
    expected = list(recording.flow if recording and recording.flow else site.expected_flow)
    report = _verdict(result, checks, expected, site)
    report.baseline = ", ".join(baseline.used)
    _beside_the_report(report.screens, settings.out_dir)
    write_reports(report, settings.out_dir)
    return report


def _beside_the_report(screens: list[ScreenCheck], out_dir: Path) -> None:
    """The recording's screenshot of each changed screen, copied next to the one taken now."""
    for screen in screens:
        recorded, screen.recorded_screenshot = screen.recorded_screenshot, None
        if recorded and screen.status != "unchanged":
            name = f"recorded-{screen.name}.png"
            shutil.copyfile(recorded, out_dir / name)
            screen.recorded_screenshot = name


def check_itself(
    directory: Path, site: str, ui: Interaction, browser: Any = None, out_dir: Path | None = None
) -> tuple[Recording, CheckReport]:
    """Recording `directory` checked against a replay of itself: what its templates would be if
    made now (scripts/contracts.py, and the test that they are not stale). With `out_dir`, the
    report and a screenshot of every screen are kept there; else nothing is kept."""
    from automator.replay import ReplayServer, ReplayState

    recording = load_recording(directory)
    server = ReplayServer(ReplayState(recording, None)).start()
    account = recording.account
    credentials = Credentials(account.email, account.password, "environment")
    try:
        with tempfile.TemporaryDirectory(prefix="automator-contracts-") as work:
            settings = RunSettings(
                base_url=server.url,
                dry_run=True,
                headless=True,
                out_dir=out_dir or Path(work),
                data_dir=Path(work) / "data",
                site=site,
                every_screenshot=out_dir is not None,
            )
            report = run_check(settings, lambda: credentials, ui, recording, browser=browser)
    finally:
        server.stop()
    return recording, report


def _verdict(result: RunResult, checks: list[ScreenCheck], expected: list[str], site: Site) -> CheckReport:
    screens = [step for step in result.steps if not step.stopped and step.name != "cancelled"]
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
    stopped = result.steps[-1] if result.steps and result.steps[-1].stopped else None
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
