"""What a run starts from, and starts again from when the site turns out to speak another of its
languages: the site's words, the saved session, the first address, the steps already walked.

The record of the run (its RunResult) and what it learnt (the FlowContext) are made once and
kept across a change of language: a run that met the sign-in in English and the account in
Spanish is one run, with one report.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from automator.credentials import Credentials
from automator.flow import StepRecord
from automator.interaction import Interaction
from automator.language import LanguageChange, name_of
from automator.report import RunResult, prepare_out_dir
from automator.session import load_session, session_file
from automator.settings import RunSettings
from automator.sites import site_named
from automator.sites.base import FlowContext, Site
from automator.status import Status

# A run changes language at most this many times (English signed out, the account's once in).
MAX_LANGUAGES = 3


@dataclass
class Start:
    settings: RunSettings
    site: Site
    result: RunResult
    ctx: FlowContext
    session_path: Path
    saved: dict[str, Any] | None  # the storage state the browser starts with
    url: str  # where the walk starts
    # The run's steps and what it pressed, one list each whatever the language changes.
    steps: list[StepRecord] = field(default_factory=list)
    pressed: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    reused: bool = False  # the run began from a session an earlier run saved

    def again_in(self, change: LanguageChange, storage: dict[str, Any]) -> str:
        """Start again where `change` was met, with its words and this browser's session;
        returns what to tell the person."""
        self.site, self.url, self.saved = change.site, change.url, storage
        return (
            f"The site speaks {name_of(change.tag)} here: going on with its {name_of(change.tag)} "
            f"words, in a browser set to {self.site.locale}."
        )


def begin(settings: RunSettings, credentials: Callable[[], Credentials], ui: Interaction) -> Start:
    """A new run's start: its site, its record, its context and the session saved before."""
    site = site_named(settings.site)
    path = session_file(settings.data_dir, settings.base_url)
    saved, problem = load_session(path)
    if problem:
        ui.info(problem)
    ctx = FlowContext(
        credentials,
        settings.reason,
        settings.timeout_ms,
        headless=settings.headless,
        human_timeout_ms=settings.human_timeout_s * 1000,
        info=ui.info,
        ask_secret=ui.ask_secret,
        choose=ui.choose,
        subscription=settings.subscription,
        session_reused=saved is not None,
    )
    result = RunResult(
        site=site.name,
        site_title=site.title,
        mask_legend=site.masked,
        status=Status.ERROR,
        message="",
        base_url=settings.base_url,
        dry_run=settings.dry_run,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        out_dir=prepare_out_dir(settings.out_dir),
    )
    url = settings.base_url + site.start_path
    return Start(settings, site, result, ctx, path, saved, url, reused=saved is not None)
