"""The commands around recordings of the site: `check` (has it drifted?) and `record` (a new
recording); `replay` (serve one as a stand-in for the site) is in serving. None of them cancels."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from automator.cli.console import ConsoleUI, err
from automator.cli.options import AllowInsecure, BaseUrl, SiteName, Timeout, out_option
from automator.cli.runtime import prepare, shared_browser
from automator.errors import ConfigError
from automator.recording import BUNDLED
from automator.report import prepare_out_dir

if TYPE_CHECKING:
    from automator.check import CheckReport
    from automator.recording import Recording
from automator.settings import DEFAULT_BASE_URL, DEFAULT_TIMEOUT_S, RunSettings, default_out_dir
from automator.sites import DEFAULT_SITE, site_named
from automator.status import USAGE_EXIT_CODE, Status

CHECK_HELP = f"""Walk the flow in dry run and report which screen changed, and how. Never cancels.

Each screen met is held against its contract: the locators the flow uses (each must find
exactly one visible element, in the site's code) and the recording's ARIA template of the
region it acts in (contracts/<screen>.aria.yml; by default the bundled recording of the
language the site speaks). Writes report.md, report.json, report.html and masked screenshots.

A change is breaking when what the flow relies on broke: a locator finds no element or more
than one, a screen is missing or unknown, the walk stopped on a screen (a dialog that can change
the account gained or lost an action), or the plan, price or dates can no longer be read. A
changed accessibility tree on a screen that still works is listed as "changed, harmless".

--update DIR rebaselines: it writes the changed templates into recording DIR and prints a
unified diff and a one-line summary per screen, for you to review and commit. A breaking
change is written only with --accept-breaking (the summary says what the flow would need).

Exit codes: {Status.DRY_RUN_COMPLETE.exit_code} no breaking change, \
{Status.UNRECOGNIZED_SCREEN.exit_code} a breaking change, \
{Status.ERROR.exit_code} the check could not get through for another reason
(site down, sign-in refused, CAPTCHA), {USAGE_EXIT_CODE} bad usage.

Examples:

\b
  automator check                                   # coursera.org vs the bundled recording
  automator check --base-url http://127.0.0.1:8000  # a replay server instead
  automator check --json > report.json              # the verdict per screen, for programs
  automator check --update fixtures/coursera        # take harmless changes; review the diff
"""


@dataclass(frozen=True)
class CheckOptions:
    base_url: BaseUrl = DEFAULT_BASE_URL
    site: SiteName = DEFAULT_SITE
    out: Annotated[Path | None, out_option("Folder for report.md, report.json and the screenshots.")] = None
    recording: Annotated[
        Path | None,
        typer.Option(
            "--recording",
            metavar="DIR",
            help="Compare with this recording: the screens it expects (recording.json 'flow') and "
            "its templates (contracts/<screen>.aria.yml). Default: the bundled recording of the "
            "site's language.",
        ),
    ] = None
    update: Annotated[
        Path | None,
        typer.Option(
            "--update",
            metavar="DIR",
            help="Compare with recording DIR, then rewrite its templates of the screens that "
            "changed harmlessly; prints a unified diff and a summary per screen to review and commit.",
        ),
    ] = None
    accept_breaking: Annotated[
        bool,
        typer.Option(
            "--accept-breaking",
            help="With --update: also write the templates of screens whose change is breaking "
            "(the flow itself still needs changing; the summary says what).",
        ),
    ] = False
    timeout: Timeout = DEFAULT_TIMEOUT_S
    json_out: Annotated[
        bool, typer.Option("--json", help="Also print report.json to standard output.")
    ] = False
    allow_insecure_keyring: AllowInsecure = False


def _check_usage(options: CheckOptions) -> None:
    """What cannot go together, said before anything starts."""
    if options.update is not None and options.recording not in (None, options.update):
        raise ConfigError("--update DIR compares with recording DIR: leave out --recording, or give the same")
    if options.accept_breaking and options.update is None:
        raise ConfigError("--accept-breaking goes with --update DIR")
    if options.json_out and options.update is not None:
        raise ConfigError("--json and --update both print on standard output: give one of them")
    if options.out is not None:
        prepare_out_dir(options.out)


def check(ctx: typer.Context, options: CheckOptions) -> None:
    from automator.check import run_check
    from automator.recording import load_recording

    _check_usage(options)
    prepared = prepare(site_named(options.site).account, options.base_url, options.allow_insecure_keyring)
    named = options.update or options.recording
    recording = load_recording(named) if named is not None else None
    settings = RunSettings(
        base_url=prepared.url,
        dry_run=True,
        headless=True,
        data_dir=prepared.folder,
        timeout_s=options.timeout,
        site=options.site,
        out_dir=options.out or default_out_dir(prepared.folder, datetime.now(), prefix="check-"),
    )
    where = escape(prepared.url)
    err.print(f"[bold]Checking[/] the flow on {where} (dry run: nothing is cancelled).", markup=True)
    report = run_check(settings, prepared.credentials, ConsoleUI(), recording, browser=shared_browser(ctx))
    style = {"unchanged": "green", "drift": "bold red"}.get(report.verdict, "yellow")
    err.print(f"[{style}]{report.verdict}[/]: {escape(report.message)}", markup=True)
    err.print(f"Report: {settings.out_dir / 'report.md'}")
    if options.json_out:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    if options.update is not None and recording is not None and report.verdict != "error":
        raise typer.Exit(_rebaseline(options.update, recording, report, options.accept_breaking))
    raise typer.Exit(report.exit_code)


def _rebaseline(directory: Path, recording: Recording, report: CheckReport, accept_breaking: bool) -> int:
    """Write the changed templates, print their diffs (stdout) and summaries (stderr); the exit
    code: a breaking change left (written or not) is still drift, for the flow still stops."""
    from automator.contract_files import rebaseline

    changes = rebaseline(directory, recording, report.screens, accept_breaking)
    for change in changes:
        print(change.diff)
    for change in changes:
        err.print(escape(change.summary))
    err.print(f"{sum(c.written for c in changes)} template(s) written in {directory / 'contracts'}; "
              "review the diff above, then commit it." if changes else "Every template is up to date.")
    return report.exit_code


@dataclass(frozen=True)
class RecordOptions:
    out: Annotated[
        Path,
        typer.Option("--out", metavar="DIR", help="The new recording's folder (e.g. fixtures/coursera-new)."),
    ]
    base_url: BaseUrl = DEFAULT_BASE_URL
    timeout: Timeout = DEFAULT_TIMEOUT_S
    allow_insecure_keyring: AllowInsecure = False
    site: SiteName = DEFAULT_SITE
    from_run: Annotated[
        Path | None,
        typer.Option(
            "--from-run",
            metavar="RUNDIR",
            help="Instead of walking the site: turn a run folder that stopped on an unknown page "
            "into a variant of --base with that page at its address (no browser).",
        ),
    ] = None
    base: Annotated[
        Path,
        typer.Option(
            "--base",
            metavar="DIR",
            help="The recording a --from-run variant extends. Default: the bundled one.",
            show_default=False,
        ),
    ] = BUNDLED / "coursera"


def record(ctx: typer.Context, options: RecordOptions) -> None:
    """Walk the site in dry run and write what it shows as a recording. Never cancels.

    Each screen's page is kept with the site's scripts removed and personal data scrubbed
    (your email and name become placeholders, and so does every email-shaped string; card
    digits, CSRF tokens, session and user ids are replaced; a page that still holds something
    personal is never written), in the format `automator replay` serves and `automator check
    --recording` compares against. Review the diff before committing it as fixtures.

    With --from-run RUNDIR, a run that stopped on a page the flow does not know becomes a
    variant recording of --base instead (that page at its address): replaying it reproduces the
    stop, a failing test before the fix.

    Examples:

    \b
      automator record --out fixtures/coursera-new
      automator record --from-run ~/.local/share/automator/runs/20261126-070809 --out variant
    """
    from automator.record import run_record

    out = options.out
    if out.exists() and any(out.iterdir()):
        raise ConfigError(f"{out} is not empty: record into a new folder, then compare")
    if options.from_run is not None:
        return _variant(options.from_run, options.base, out)
    prepared = prepare(site_named(options.site).account, options.base_url, options.allow_insecure_keyring)
    settings = _dry_run_into(out, prepared.url, prepared.folder, options)
    err.print(
        f"[bold]Recording[/] {escape(prepared.url)} into {escape(str(out))} (dry run: nothing is cancelled).",
        markup=True,
    )
    result, where = run_record(settings, prepared.credentials, ConsoleUI(), browser=shared_browser(ctx))
    err.print(f"{result.status.value}: {escape(result.message)}", markup=True)
    err.print(f"Recording written to {where} ({len(list((where / 'pages').glob('*.html')))} pages).")
    raise typer.Exit(0 if result.status is Status.DRY_RUN_COMPLETE else result.status.exit_code)


def _dry_run_into(out: Path, url: str, data_dir: Path, options: RecordOptions) -> RunSettings:
    """The settings of record's walk: a headless dry run, its evidence in the recording's folder."""
    return RunSettings(
        base_url=url,
        dry_run=True,
        headless=True,
        data_dir=data_dir,
        timeout_s=options.timeout,
        out_dir=out,
        site=options.site,
    )


def _variant(run_dir: Path, base: Path, out: Path) -> None:
    from automator.from_run import variant_from_run

    where = variant_from_run(run_dir, base, out)
    err.print(f"Variant written to {where}: replay it to see the same stop (automator replay {where}).")
