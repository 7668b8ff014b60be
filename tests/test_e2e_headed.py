"""Hand-offs to the person in a visible browser window (on Xvfb when there is no display).

The test acts as the person: it attaches to the tool's own browser through the DevTools
port and does what a person would do there. The tool itself never touches the CAPTCHA.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright

from tests.support.live import LiveRun
from tests.support.replay import Replay

pytestmark = pytest.mark.e2e


StartReplay = Callable[..., Replay]
LiveCli = Callable[..., tuple[LiveRun, int, Path]]


def _person_page(playwright: Playwright, port: int, url_part: str) -> tuple[Browser, Page]:
    browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
    pages = [p for c in browser.contexts for p in c.pages if url_part in p.url]
    assert pages, [p.url for c in browser.contexts for p in c.pages]
    return browser, pages[0]


def test_a_captcha_is_solved_by_the_person_and_the_run_goes_on(
    replay: StartReplay, live_cli: LiveCli, playwright: Playwright
) -> None:
    server = replay("variants/captcha")
    run, port, out = live_cli(server, "--dry-run")
    run.wait_for_text("solve it in the browser window")
    assert server.requests_to("POST", "/api/login/v3") == []
    browser, page = _person_page(playwright, port, "/login")
    challenge = page.frame_locator('iframe[src*="recaptcha"]')
    challenge.get_by_role("button", name="Image 3").click()
    challenge.get_by_role("button", name="Verify").click()
    browser.close()
    assert run.finish() == 0, "".join(run.seen)
    data = json.loads((out / "run.json").read_text())
    assert data["status"] == "dry_run_complete"
    assert [s["name"] for s in data["steps"]][:3] == ["signed_out_home", "sign_in", "captcha"]
    assert len(server.requests_to("POST", "/api/login/v3")) == 1
    assert server.destructive() == []


def test_a_two_factor_code_typed_in_the_browser(
    replay: StartReplay, live_cli: LiveCli, playwright: Playwright
) -> None:
    server = replay("variants/two-factor")
    run, port, out = live_cli(server, "--dry-run", answer="\n")  # Enter: "I'll type it there"
    run.wait_for_text("Type the code in the browser window")
    browser, page = _person_page(playwright, port, "/login/two-factor")
    page.get_by_label("Verification code").fill("246810")
    page.get_by_role("button", name="Verify").click()
    browser.close()
    assert run.finish() == 0, "".join(run.seen)
    assert json.loads((out / "run.json").read_text())["status"] == "dry_run_complete"
    assert [e["status"] for e in server.requests_to("POST", "/api/login/v3/two-factor")] == [200]
