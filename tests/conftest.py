"""The tests' fixtures, each doing one thing, small ones built on each other as pytest-playwright's
are. What they stand on is in tests/support/.

pytest-playwright's browser is pointed at whichever Chromium this machine has (the same choice
the tool makes). A test runs the CLI one of two ways, and says which: `run_cli_in_process`
(cancel, check, record, status and remind on the worker's one browser) or `run_cli_subprocess`
(any command, as a real process).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright

from automator.browser import bundled_chromium, choose_browser, launch_options
from tests.support.cli import InProcessCli, OutDirs, SubprocessCli
from tests.support.flow import FlowRunner
from tests.support.live import LiveCli, private_display
from tests.support.replay import Replays


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright: Playwright
) -> dict[str, Any]:
    """pytest-playwright's launch, with the tool's own browser choice and flags."""
    headless = browser_type_launch_args.get("headless", True)
    return {
        **browser_type_launch_args,
        **launch_options(choose_browser(bundled_chromium(playwright), headless=headless), headless),
    }


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def replay(tmp_path: Path) -> Iterator[Replays]:
    """Start a replay of a recording (the base by default) with its log in tmp_path."""
    replays = Replays(tmp_path)
    yield replays
    replays.stop_all()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data folder (sessions, receipts) of this test's CLI runs."""
    return tmp_path / "data"


@pytest.fixture
def cli_out_dirs(tmp_path: Path) -> OutDirs:
    """Numbered evidence folders, one per CLI run, shared by both ways of running it."""
    return OutDirs(tmp_path)


@pytest.fixture
def run_cli_in_process(browser: Browser, cli_out_dirs: OutDirs, data_dir: Path) -> InProcessCli:
    """`automator cancel|check|record|status|remind|demo ARGS` in the test process, on the
    worker's browser, and `automator history ARGS`; any other command, or --headed, fails the
    test (use run_cli_subprocess)."""
    return InProcessCli(cli_out_dirs, data_dir, browser)


@pytest.fixture
def run_cli_subprocess(cli_out_dirs: OutDirs, data_dir: Path) -> SubprocessCli:
    """`automator ARGS` as a real subprocess."""
    return SubprocessCli(cli_out_dirs, data_dir)


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """A display for headed browsers: the real one, else a private Xvfb."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    with private_display() as number:
        if number is None:
            pytest.skip("needs a display or Xvfb (./scripts/test installs Xvfb where it can)")
        yield number


@pytest.fixture
def live_cli(tmp_path: Path, display: str) -> Iterator[LiveCli]:
    """Start `automator cancel --headed` on the display with its DevTools port open, so the test
    can act in the tool's own browser window as the person would."""
    live = LiveCli(tmp_path, display)
    yield live
    live.stop_all()


@pytest.fixture
def run_flow(browser: Browser, tmp_path: Path) -> FlowRunner:
    """`run_cancel` in the test process, in a fresh context of the worker's one browser."""
    return FlowRunner(browser, tmp_path)
