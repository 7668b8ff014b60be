"""`automator demo`: a dry run against a site's bundled recording, on a replay the demo starts itself.

Nothing outside the machine is reached and nothing of the person's is used: the site is a
replay server on 127.0.0.1, the account is the recording's made-up one, and the run's session
stays in the demo's own folder, never in the person's data folder. The run is the real one
(`run_cancel`), in dry run: it backs out of the final dialog, which the replay's request log
witnesses (`destructive`, the requests that would have cancelled: none).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from automator.cancel import run_cancel
from automator.credentials import Credentials
from automator.errors import ConfigError
from automator.interaction import Interaction
from automator.recording import Recording, bundled_recording, load_recording
from automator.replay.server import serving
from automator.report import RunResult
from automator.settings import DEFAULT_TIMEOUT_S, RunSettings
from automator.sites.base import Site

LOG = "replay-log.jsonl"


@dataclass(frozen=True)
class Demo:
    """How the demo went: the run, the replay it ran against and what that replay was asked."""

    result: RunResult
    url: str
    log: Path
    destructive: int  # requests that would have changed the account: 0 for a dry run


def demo_recording(site: Site, named: Path | None = None) -> Recording:
    """The recording `named`, else the site's bundled recording of its own language."""
    if named is not None:
        return load_recording(named)
    recording = bundled_recording(site.recordings.get(site.language))
    if recording is None:
        raise ConfigError(
            f"this installation has no bundled recording of {site.title}: reinstall automator "
            "(pip, pipx or uv), or give a recording folder with --recording DIR"
        )
    return recording


def demo_settings(site: Site, out: Path, headless: bool) -> RunSettings:
    """The demo's run under `out`: run/ (run.json, report.html, screenshots) and data/ (the
    demo's session); its address is the replay's, known once it listens (run_demo)."""
    return RunSettings(
        base_url="http://127.0.0.1",
        dry_run=True,
        headless=headless,
        out_dir=out / "run",
        data_dir=out / "data",
        timeout_s=DEFAULT_TIMEOUT_S,
        site=site.name,
    )


def run_demo(recording: Recording, settings: RunSettings, ui: Interaction, browser: Any = None) -> Demo:
    """Serve `recording` and walk it in dry run with its account, as `settings` (demo_settings)
    say, on the replay's address; the replay's log beside the run's folder."""
    out = settings.out_dir.parent
    if out.exists() and any(out.iterdir()):
        raise ConfigError(f"{out} is not empty: give the demo a new folder (--out DIR)")
    out.mkdir(parents=True, exist_ok=True)
    log = out / LOG
    account = recording.account
    credentials = Credentials(account.email, account.password, "demo recording")
    with serving(recording, log_path=log) as server:
        walked = replace(settings, base_url=server.url)
        result = run_cancel(walked, lambda: credentials, ui, browser=browser)
        destructive = sum(1 for entry in server.state.log if entry.get("destructive"))
    return Demo(result, server.url, log, destructive)
