"""The commands that set a new user up: `demo` (the tool at work on its bundled recording, from
any folder) and `install-browser` (Playwright's Chromium, for this installation's Python)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from automator.cli.console import ConsoleUI, err, print_error
from automator.cli.options import Headed, SiteName, out_option
from automator.cli.runtime import headless, shared_browser
from automator.errors import ConfigError
from automator.settings import default_out_dir
from automator.sites import DEFAULT_SITE, site_named
from automator.status import Status

DEMO_HELP = """Watch the tool at work without an account: a dry run against the bundled recording.

Starts a replay of the site on 127.0.0.1 (the recording of its pages that comes with the
tool), signs in with the recording's made-up account, walks the whole flow with every screen
screenshotted and personal data masked, writes a report and backs out of the final dialog.
Nothing leaves this machine and nothing is cancelled: the replay's request log, which the demo
prints a count of, holds no request that would have changed the account.

Works from any folder. Needs a Chromium: `automator install-browser` if none is found.

Examples:

\b
  automator demo                    # the dry run; prints where its report is
  automator demo --out demo-run     # into a new (or empty) folder of your choice
  automator demo --headed           # watch it in a browser window
"""


@dataclass(frozen=True)
class DemoOptions:
    out: Annotated[
        Path | None,
        out_option(
            "A new or empty folder for the run (run/report.html, screenshots), the demo's session and "
            "the replay's log. Default: a new timestamped folder under the user's data folder."
        ),
    ] = None
    recording: Annotated[
        Path | None,
        typer.Option(
            "--recording", metavar="DIR", help="Replay this recording instead of the bundled one."
        ),
    ] = None
    headed: Headed = None
    site: SiteName = DEFAULT_SITE


def demo(ctx: typer.Context, options: DemoOptions) -> None:
    from automator.demo import demo_recording, demo_settings, run_demo
    from automator.session import data_dir

    site = site_named(options.site)
    recording = demo_recording(site, options.recording)
    now = datetime.now()
    out = options.out or default_out_dir(data_dir(), now).with_name("demo-" + now.strftime("%Y%m%d-%H%M%S"))
    where = escape(str(recording.directories[0]))
    err.print(f"[bold]Demo[/]: a dry run against the recording {where}, replayed on 127.0.0.1.", markup=True)
    settings = demo_settings(site, out, headless(options.headed, default_headless=True))
    done = run_demo(recording, settings, ConsoleUI(), browser=shared_browser(ctx))
    result = done.result
    style = "green" if result.status is Status.DRY_RUN_COMPLETE else "yellow"
    err.print(f"[bold {style}]{result.status.value}[/]: {escape(result.message)}", markup=True)
    err.print(
        f"Report:      {result.out_dir / 'report.html'}\n"
        f"Screenshots: {result.out_dir}/*.png\n"
        f"Run record:  {result.out_dir / 'run.json'}\n"
        f"Replay log:  {done.log} ({done.destructive} destructive requests)"
    )
    raise typer.Exit(result.status.exit_code)


def install_command(with_deps: bool) -> list[str]:
    """`playwright install chromium`, run by this installation's own Python: the Chromium the
    Playwright that automator imports looks for (another Python's playwright may differ)."""
    deps = ["--with-deps"] if with_deps else []
    return [sys.executable, "-m", "playwright", "install", *deps, "chromium"]


def install_browser(
    with_deps: Annotated[
        bool,
        typer.Option(
            "--with-deps",
            help="Also install the system libraries Chromium needs (Linux; asks the system's "
            "package manager, through sudo when not root).",
        ),
    ] = False,
) -> None:
    """Download Playwright's Chromium for this installation (`playwright install chromium`).

    Only needed when no Chromium is found: a system one (/usr/bin/chromium) or one named by
    AUTOMATOR_BROWSER is used as it is. The download goes to Playwright's own folder
    (~/.cache/ms-playwright on Linux), not to the system.

    Examples:

    \b
      automator install-browser              # Chromium for this installation
      automator install-browser --with-deps  # and the system libraries it needs (Linux)
    """
    command = install_command(with_deps)
    err.print(f"Installing Playwright's Chromium: {' '.join(command)}")
    try:
        done = subprocess.run(command, check=False)
    except OSError as exc:
        raise ConfigError(f"cannot run {command[0]}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        print_error(f"playwright install failed (exit {done.returncode}); its output is above")
        raise typer.Exit(1)
    err.print("Chromium installed. Try it: automator demo")
