"""`run_cancel` inside the test process, in a fresh context of the worker's one browser.

Several times cheaper than the CLI in a subprocess (no interpreter, driver or browser to
start), for tests that run the flow many times; the CLI's own behaviour is tested apart. Only
where a run stops is photographed (RunSettings.every_screenshot): the pictures on the way cost
half a run's time and these tests read the log and run.json; `every_screenshot=True` for a test
that looks at them (the CLI's own runs always take them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from automator.cancel import run_cancel
from automator.credentials import Credentials
from automator.replay import ReplayServer
from automator.report import RunResult
from automator.settings import RunSettings
from tests.support.env import DEMO_EMAIL, DEMO_PASSWORD
from tests.support.person import ScriptedPerson


@dataclass
class FlowRun:
    """A run's result, the person it asked, and its evidence folder."""

    result: RunResult
    person: ScriptedPerson
    out_dir: Path

    @property
    def run_json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.out_dir / "run.json").read_text())
        return data


class FlowRunner:
    """Runs the flow against a replay (or any address) as the demo account, each run in `root`/flow-N."""

    def __init__(self, browser: Browser, root: Path) -> None:
        self.browser, self.root = browser, root
        self._numbers: Iterator[int] = iter(range(1000))

    def __call__(
        self,
        server: ReplayServer | str,
        *,
        dry_run: bool = False,
        approval: str | None = None,
        offer: str | None = None,
        timeout_s: float = 5,
        data_dir: Path | None = None,
        subscription: str | None = None,
        while_deciding: Callable[[Page], None] | None = None,
        every_screenshot: bool = False,
    ) -> FlowRun:
        out = self.root / f"flow-{next(self._numbers)}"
        settings = RunSettings(
            base_url=server if isinstance(server, str) else server.url,
            dry_run=dry_run,
            headless=True,
            out_dir=out,
            data_dir=data_dir or out / "data",
            timeout_s=timeout_s,
            subscription=subscription,
            every_screenshot=every_screenshot,
        )
        person = ScriptedPerson(approval, offer, self._on_the_page(while_deciding))
        result = run_cancel(
            settings,
            lambda: Credentials(DEMO_EMAIL, DEMO_PASSWORD, "environment"),
            person,
            browser=self.browser,
        )
        return FlowRun(result, person, out)

    def _on_the_page(self, change: Callable[[Page], None] | None) -> Callable[[], None] | None:
        """`change` on the run's own page (its context is the newest of the browser), for a
        test that changes the page while the person decides."""
        if change is None:
            return None
        return lambda: change(self.browser.contexts[-1].pages[0])
