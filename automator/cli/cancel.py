"""`automator cancel`: one run, its progress, its outcome and its exit code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from automator.cli.console import ConsoleUI, err, offer_to_open, stdin_cannot_answer
from automator.cli.options import AllowInsecure, BaseUrl, Headed, SiteName, Timeout, out_option
from automator.cli.receipts import refund_lines
from automator.cli.runtime import Prepared, headless, prepare, shared_browser, today
from automator.cli.status import warn
from automator.errors import ConfigError
from automator.holdings import facts_warning
from automator.report import prepare_out_dir
from automator.settings import DEFAULT_BASE_URL, DEFAULT_TIMEOUT_S, RunSettings, default_out_dir
from automator.sites import DEFAULT_SITE, site_named
from automator.status import EXIT_CODES, USAGE_EXIT_CODE, Status

# Words for a status's exit code in --help, beyond its name.
HELP_NOTES = {
    Status.UNRECOGNIZED_SCREEN: "the site changed",
    Status.NEEDS_HUMAN: "CAPTCHA, sign-in through another service",
    Status.SUBSCRIPTION_NOT_CHOSEN: "several subscriptions and none chosen",
}
USAGE_HELP = "bad usage or no credentials"


def exit_codes_help() -> str:
    """'Exit codes: 0 cancelled or dry_run_complete, 1 error, 2 bad usage …', from status.py."""
    by_code: dict[int, list[str]] = {USAGE_EXIT_CODE: [USAGE_HELP]}
    for status, code in EXIT_CODES.items():
        note = f" ({HELP_NOTES[status]})" if status in HELP_NOTES else ""
        by_code.setdefault(code, []).append(status.value + note)
    entries = [f"{code} {' or '.join(names)}" for code, names in sorted(by_code.items())]
    return f"Exit codes: {', '.join(entries)}."


HELP = f"""Cancel your Coursera subscription; you approve the final click.

Signs in with the session saved by an earlier run or by `automator login`; else with
COURSERA_EMAIL and COURSERA_PASSWORD, else the OS keyring (`automator credentials
set`), else it asks at the terminal. There is no password option: command lines end up
in shell history. CAPTCHAs and two-factor codes are handed to you.

The browser stops at Coursera's final "Yes, Cancel" dialog and shows what will be
cancelled. Only typing "yes" presses it; any other answer, an empty line or end of input
backs out and changes nothing. Ctrl-C stops the run at once and closes the browser; the
message says whether anything had been pressed. An answer piped in (`echo yes |
automator cancel`) is your answer too; standard input that can give none (/dev/null, an empty file,
a closed pipe) stops the run before it signs in.

Retention offers met on the way are shown to you at a terminal: type "accept" to take
one instead of cancelling; otherwise they are declined. A subscription billed by Apple,
Google Play or an organisation is not touched: you are told where to cancel it.

{exit_codes_help()}

Examples:

\b
  automator cancel --dry-run                 # to the final dialog and back: nothing changes
  automator cancel                           # for real: you type yes at the final dialog
  automator cancel --subscription "Plus"     # one of several subscriptions, by its name
  automator cancel --dry-run --out look --json > run.json
"""


@dataclass(frozen=True)
class CancelOptions:
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Walk the whole flow and screenshot every screen, then back out of "
            "the final dialog. Nothing is cancelled. Headless unless --headed.",
        ),
    ] = False
    headed: Headed = None
    base_url: BaseUrl = DEFAULT_BASE_URL
    site: SiteName = DEFAULT_SITE
    out: Annotated[
        Path | None,
        out_option(
            "Folder for run.json, report.html and the screenshots. "
            "Default: a new timestamped folder under the user's data folder."
        ),
    ] = None
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            metavar="TEXT",
            help="The survey answer to pick (a unique part of its text). "
            "Default: a neutral one such as 'Prefer not to say'. The choices are the page's: "
            "one that matches none or several stops the run at the survey and lists them.",
        ),
    ] = None
    subscription: Annotated[
        str | None,
        typer.Option(
            "--subscription",
            metavar="NAME",
            help="Which subscription, when there are several: a unique part of its name "
            "(case-insensitive). At a terminal you are asked instead.",
        ),
    ] = None
    timeout: Timeout = DEFAULT_TIMEOUT_S
    json_out: Annotated[bool, typer.Option("--json", help="Also print run.json to standard output.")] = False
    allow_insecure_keyring: AllowInsecure = False


def cancel(ctx: typer.Context, options: CancelOptions) -> None:
    from automator.cancel import run_cancel

    if options.reason is not None and not options.reason.strip():
        # Only the page knows the survey's choices, but an empty one can match none of them.
        raise ConfigError("--reason is empty: give a unique part of a survey choice, or leave it out")
    _check_answerable(options.dry_run)
    if options.out is not None:
        prepare_out_dir(options.out)  # an unusable folder is said before anything is asked or opened
    prepared = prepare(site_named(options.site).account, options.base_url, options.allow_insecure_keyring)
    settings = _run_settings(options, prepared)
    mode = "Dry run" if settings.dry_run else "Cancelling"
    how = "with the saved session" if prepared.has_session else "signing in"
    err.print(
        f"[bold]{mode}[/] on {escape(settings.base_url)}, {how}, in a "
        f"{'headless' if settings.headless else 'visible'} browser.",
        markup=True,
    )
    result = run_cancel(settings, prepared.credentials, ConsoleUI(), browser=shared_browser(ctx))
    style = "green" if result.status in (Status.CANCELLED, Status.DRY_RUN_COMPLETE) else "yellow"
    err.print(f"[bold {style}]{result.status.value}[/]: {escape(result.message)}", markup=True)
    if result.status is Status.CANCELLED:
        err.print("Coursera emails a confirmation; access continues until the date above.")
        for line in refund_lines(result.details.get("receipt")):
            err.print(line)
    if result.status not in (Status.CANCELLED, Status.OFFER_ACCEPTED):  # a charge may still come
        warn(facts_warning(result.subscription, today(ctx)))
    if result.status is Status.BILLED_ELSEWHERE:
        offer_to_open(result.subscription.get("billing", {}).get("url"))
    err.print(f"Report: {result.out_dir / 'report.html'}\nRun record: {result.out_dir / 'run.json'}")
    if options.json_out:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    raise typer.Exit(result.status.exit_code)


def _check_answerable(dry_run: bool) -> None:
    """A run that could never be approved stops before it signs in: standard input that can
    give no answer (/dev/null, an empty file, a closed pipe) would decline at the final dialog,
    after the whole walk. What is piped in is the person's own answer and is read at the
    dialog; a pipe that has not been written to yet cannot be judged, and the run goes on."""
    why = None if dry_run else stdin_cannot_answer()
    if why:
        raise ConfigError(
            f"no terminal to approve at; run it at a terminal (standard input is {why}, so the "
            "final click could never be approved and the run stops before signing in; "
            "--dry-run needs no approval)"
        )


def _run_settings(options: CancelOptions, prepared: Prepared) -> RunSettings:
    return RunSettings(
        base_url=prepared.url,
        dry_run=options.dry_run,
        headless=headless(options.headed, default_headless=options.dry_run),
        out_dir=options.out or default_out_dir(prepared.folder, datetime.now()),
        data_dir=prepared.folder,
        timeout_s=options.timeout,
        reason=options.reason,
        subscription=options.subscription,
        site=options.site,
    )
