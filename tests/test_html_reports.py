"""The two report.html pages (a run's and a check's): rendered from constructed results, what a
person reads there, escaped; then once each in a real browser from a real walk on the replay,
its images loaded, its verdict visible, and a screenshot of it kept to look at."""

from __future__ import annotations

import re
import time
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from automator.check import CheckReport
from automator.check_report import render_html
from automator.contracts import ScreenCheck
from automator.flow import StepRecord
from automator.html_report import local_time
from automator.report import RunResult, write_report_html
from automator.sites import default_site
from automator.status import TONES, WORDS, Status
from tests.support import REPO
from tests.support.cli import InProcessCli
from tests.support.flow import FlowRunner
from tests.support.replay import Replays

EVIL = "<script>window.pwned=1</script>"


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process in Paris's time zone, so local dates are known."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _stopped_run(out_dir: Path) -> RunResult:
    steps = [
        StepRecord("sign_in", "Sign-in form", "/login", "01-sign_in.png", 0.42),
        StepRecord("retention_offer", f"Offer {EVIL}", "/subs", "02-retention_offer.png", 1.5),
        StepRecord("stopped", "Where the run stopped", "/subs", "03-stopped.png", 0.61, "It broke.", True),
    ]
    subscription = {
        "plan": "Plus Monthly",
        "price": "$59.00 / month",
        "offers": [{"kind": "pause", "title": "Take a break", "decision": "declined"}],
        "billing": {"channel": "google_play", "provider": "Google Play", "way_out": "Use the Play Store."},
        "all_subscriptions": ["Plus Monthly $59.00", "Data Analytics $49.00"],
        "dates": {"access_until": "2026-12-14"},
    }
    return RunResult(
        Status.UNRECOGNIZED_SCREEN,
        f"after 'retention_offer', the page is not a screen the flow knows {EVIL}.",
        "http://127.0.0.1:1",
        dry_run=True,
        started_at="2026-12-14T08:30:00+00:00",
        out_dir=out_dir,
        steps=steps,
        subscription=subscription,
        details={"page_html": "page.html", "receipt": "/data/history/x/receipt.json"},
        site_title="Example",
        mask_legend=("every email address", "the card's digits"),
    )


def test_the_run_report_says_what_happened_in_words_and_keeps_page_text_as_text(
    tmp_path: Path, paris: None
) -> None:
    html = write_report_html(_stopped_run(tmp_path)).read_text()
    assert EVIL not in html and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    verdict = soup.select_one("#verdict")
    assert verdict is not None and "tone-bad" in verdict["class"]
    assert "Stopped at a screen the tool does not know" in verdict.text
    assert "Started Monday 14 December 2026, 09:30 CET" in " ".join(soup.text.split())
    timeline = [" ".join(li.text.split()) for li in soup.select(".timeline li")]
    assert timeline == [
        "✓ Sign-in form 0.4s",
        f"✓ Offer {EVIL} 1.5s",
        "✗ Where the run stopped 0.6s",
    ]
    # The stop comes first, with its message and the saved page; the screens got through after it.
    stopped = soup.select_one("section.stopped")
    assert stopped is not None and "It broke." in stopped.text
    assert stopped.find("a", href="page.html") is not None
    assert html.index('class="stopped"') < html.index('id="step-1"')
    got_through = [li.select("h3")[0].text.split(" ", 1)[1] for li in soup.select("ol.steps > li")]
    assert got_through == ["Sign-in form", f"Offer {EVIL}"]
    # Every screenshot opens full size; run.json and the receipt are linked.
    shots = [(a["href"], a.select("img")[0]["src"]) for a in soup.select("a.shot")]
    assert len(shots) == len(soup.select("img")) == 3 and all(href == src for href, src in shots)
    assert {a["href"] for a in soup.find_all("a")} >= {"run.json", "file:///data/history/x/receipt.json"}
    facts = {dt.text: dd.text for dt, dd in zip(soup.select("dl dt"), soup.select("dl dd"), strict=True)}
    assert facts["Offers"] == "A pause, “Take a break”: declined."
    assert facts["Billed by"] == "Google Play" and facts["Where to cancel it"] == "Use the Play Store."
    assert facts["Subscriptions on the account"] == "Plus Monthly $59.00; Data Analytics $49.00"
    assert "{'" not in html and "2026-12-14" not in html  # no Python repr, no raw ISO date
    assert "every email address; the card's digits" in soup.select(".legend")[0].text.replace("\n", " ")


def test_every_status_has_words_and_the_site_says_what_its_masks_hide() -> None:
    assert set(WORDS) == set(Status)
    assert {Status.CANCELLED, Status.DRY_RUN_COMPLETE} == {s for s in Status if s.tone == "good"}
    assert set(TONES.values()) <= {"good", "neutral", "attention"}  # anything else is "bad"
    assert any("email" in words for words in default_site().masked)


def test_local_time_is_read_in_this_machine_s_zone(paris: None) -> None:
    assert local_time("2026-07-01T22:05:09+00:00") == "Thursday 2 July 2026, 00:05 CEST"
    assert local_time("not a time") == "not a time"


def _drift_report() -> CheckReport:
    changed = ScreenCheck(
        "confirm_cancel",
        "changed",
        title=f"Final {EVIL}",
        screenshot="08-confirm_cancel.png",
        recorded_screenshot="/rec/screens/confirm_cancel.png",
        problems=["the ARIA tree differs from the template"],
        breaking=True,
        expected='- dialog:\n  - button "Yes, Cancel"\n  - link "Keep"',
        actual=f'- dialog:\n  - button "Yes, Cancel"\n  - button "{EVIL}"\n  - link "Keep"',
    )
    missing = ScreenCheck("retention_offer", "missing", problems=["expected, not met"], breaking=True)
    return CheckReport(
        "drift", "confirm_cancel: changed (breaking)", "http://127.0.0.1:1", ["sign_in", "confirm_cancel"],
        [ScreenCheck("sign_in", "unchanged"), changed, missing], site_title="Example",
    )


def test_the_check_report_shows_each_changed_screen_side_by_side_with_its_diff() -> None:
    html = render_html(_drift_report())
    assert EVIL not in html
    soup = BeautifulSoup(html, "html.parser")
    verdict = soup.select_one("#verdict")
    assert verdict is not None and "DRIFT" in verdict.text and "tone-bad" in verdict["class"]
    rows = [[td.text.strip() for td in tr.find_all("td")][1:3] for tr in soup.select("tbody tr")]
    assert rows == [
        ["sign_in", "unchanged"], ["confirm_cancel", "changed (breaking)"], ["retention_offer", "missing"]
    ]
    sections = soup.select("section.screen")
    assert [s.select("h2")[0].text.split(":")[0] for s in sections] == ["confirm_cancel", "retention_offer"]
    recorded, now = (fig.select("img")[0]["src"] for fig in sections[0].select(".pair figure"))
    assert (recorded, now) == ("file:///rec/screens/confirm_cancel.png", "08-confirm_cancel.png")
    added = [line.text for line in sections[0].select(".diff .added")]
    assert added == [f'+  - button "{EVIL}"'] and not sections[0].select(".diff .removed")
    assert "No recorded screenshot in this recording." in sections[1].text
    assert not sections[1].select(".diff")


def test_the_templates_are_package_data() -> None:
    """An installed tool renders its reports from any folder: pyproject ships every template."""
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    package = REPO / "automator"
    templates = [p.relative_to(package).as_posix() for p in (package / "templates").iterdir()]
    assert templates and all(any(fnmatch(t, g) for g in globs["automator"]) for t in templates)


# -- in a real browser -------------------------------------------------------------------------
def _look(page: Page, report: Path, verdict: str) -> None:
    """Open the report as a person would; every image loaded, the verdict in view; keep a picture."""
    page.goto(report.as_uri())
    expect(page.locator("#verdict")).to_contain_text(verdict)
    expect(page.locator("#verdict")).to_be_in_viewport()
    sizes = page.locator("img").evaluate_all("imgs => imgs.map(i => [i.getAttribute('src'), i.naturalWidth])")
    assert sizes and all(width > 0 for _, width in sizes), sizes
    page.screenshot(path=report.with_name("report-page.png"), full_page=True)


def test_a_dry_run_s_report_in_a_browser(replay: Replays, run_flow: FlowRunner, page: Page) -> None:
    run = run_flow(replay(), dry_run=True, every_screenshot=True)  # the report shows every screen
    assert run.result.status is Status.DRY_RUN_COMPLETE
    _look(page, run.out_dir / "report.html", "Dry run complete")
    assert page.locator(".timeline li").count() == len(run.result.steps)
    assert page.locator("a.shot img").count() == len(run.result.steps)


def test_a_drifted_check_s_report_in_a_browser(
    replay: Replays, run_cli_in_process: InProcessCli, page: Page, tmp_path: Path
) -> None:
    server = replay("variants/drift-confirm-extra-button")
    server.save_signed_in_session(run_cli_in_process.data_dir)
    out = tmp_path / "check"
    run = run_cli_in_process("check", "--base-url", server.url, "--out", str(out), "--timeout", "5")
    assert run.returncode == 6, run.stderr
    _look(page, out / "report.html", "DRIFT")
    heading = page.get_by_role("heading", name=re.compile("^confirm_cancel:"))
    section = page.locator("section.screen").filter(has=heading)
    expect(section.locator(".diff .added")).to_contain_text(["Get 50% off"])
    # The bundled recording's picture of the dialog beside the one taken now (both loaded above).
    expect(section.locator(".pair figure img")).to_have_count(2)
