"""The command line: the only module that talks to people. It parses options, prompts,
prints progress and turns the core's results and exceptions into words and exit codes."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from automator import __version__
from automator.approval import APPROVAL_WORD, Summary
from automator.errors import AutomatorError
from automator.flow import StepRecord
from automator.settings import (
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT_S,
    RunSettings,
    default_out_dir,
    normalise_base_url,
)
from automator.status import USAGE_EXIT_CODE, Status

app = typer.Typer(
    name="automator",
    help=(
        "Cancel a Coursera subscription with a real browser. The tool signs in, opens "
        "Settings → Subscriptions, gets through the survey and the offers, and stops at the "
        "final 'Yes, Cancel' until you type your approval."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

BaseUrl = Annotated[
    str,
    typer.Option(
        "--base-url",
        envvar=BASE_URL_ENV,
        show_envvar=True,
        metavar="URL",
        help="The site to drive: coursera.org, or a replay server's URL.",
    ),
]
Timeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=1.0,
        metavar="SECONDS",
        help="Time budget for each step; a page that takes longer stops the run.",
    ),
]


def _fail(message: str, code: int = USAGE_EXIT_CODE) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)


class ConsoleUI:
    """Progress lines as steps happen, and the approval prompt, on the terminal."""

    def __init__(self, dry_run: bool) -> None:
        self.dry_run = dry_run

    def step(self, step: StepRecord) -> None:
        note = f" — {step.note}" if step.note else ""
        err.print(f"  ✓ {step.title} [dim]({step.seconds:.1f}s)[/]{note}", markup=True)

    def ask_approval(self, summary: Summary) -> str | None:
        err.print()
        err.print("[bold]Ready to cancel:[/]", markup=True)
        for label, value in (
            ("Plan", summary.plan),
            ("Price", summary.price),
            ("Next billing date", summary.next_billing_date),
            ("Access until", summary.access_until),
        ):
            if value:
                err.print(f"  {label + ':':<19}{value}")
        err.print(
            f"Type [bold]{APPROVAL_WORD}[/] and press Enter to press 'Yes, Cancel' on Coursera; "
            "anything else keeps the subscription: ",
            markup=True,
            end="",
        )
        line = sys.stdin.readline()
        if not sys.stdin.isatty():
            err.print()  # nothing was echoed: end the prompt's line ourselves
        return line if line else None  # "" is end of input: a decline


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"automator {__version__}")
        raise typer.Exit(0)


@app.command()
def cancel(
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Walk the whole flow and screenshot every screen, then back out of "
            "the final dialog. Nothing is cancelled. Headless unless --headed.",
        ),
    ] = False,
    headed: Annotated[
        bool | None,
        typer.Option(
            "--headed/--headless",
            help="Show the browser window or not. Default: shown when a "
            "display is available, hidden for --dry-run.",
            show_default=False,
        ),
    ] = None,
    base_url: BaseUrl = DEFAULT_BASE_URL,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Folder for run.json, report.html and the screenshots. "
            "Default: a new timestamped folder under the user's data folder.",
            show_default=False,
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            metavar="TEXT",
            help="The survey answer to pick (a unique part of its text). "
            "Default: a neutral one such as 'Prefer not to say'.",
        ),
    ] = None,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    json_out: Annotated[bool, typer.Option("--json", help="Also print run.json to standard output.")] = False,
) -> None:
    """Cancel your Coursera subscription; you approve the final click.

    Credentials come from COURSERA_EMAIL and COURSERA_PASSWORD, or else from the OS
    keyring. There is no password option: command lines end up in shell history.

    The browser stops at Coursera's final "Yes, Cancel" dialog and shows what will be
    cancelled. Only typing "yes" presses it; any other answer, an empty line, end of input
    or Ctrl-C backs out and changes nothing.

    Exit codes: 0 cancelled or dry run complete, 1 error, 2 bad usage or missing
    credentials, 3 declined, 4 already cancelled, 5 sign-in failed, 6 unrecognised screen
    (the site changed), 130 interrupted.
    """
    from automator.browser import display_available
    from automator.cancel import run_cancel
    from automator.credentials import resolve_credentials

    try:
        url = normalise_base_url(base_url)
        credentials = resolve_credentials(os.environ, _LazyKeyring())
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    headless = (dry_run or not display_available()) if headed is None else not headed
    if out is None:
        from platformdirs import user_data_path

        out = default_out_dir(user_data_path("automator"), datetime.now())
    settings = RunSettings(
        base_url=url,
        dry_run=dry_run,
        headless=headless,
        out_dir=out,
        timeout_s=timeout,
        reason=reason,
    )
    mode = "Dry run" if dry_run else "Cancelling"
    err.print(
        f"[bold]{mode}[/] on {url} as {_mask_email(credentials.email)} "
        f"(credentials from the {credentials.source}); "
        f"{'headless' if headless else 'headed'} browser.",
        markup=True,
    )
    try:
        result = run_cancel(settings, credentials, ConsoleUI(dry_run))
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    style = "green" if result.status in (Status.CANCELLED, Status.DRY_RUN_COMPLETE) else "yellow"
    err.print(f"[bold {style}]{result.status.value}[/]: {result.message}", markup=True)
    if result.status is Status.CANCELLED:
        err.print("Coursera emails a confirmation; access continues until the date above.")
    err.print(f"Report: {result.out_dir / 'report.html'}\nRun record: {result.out_dir / 'run.json'}")
    if json_out:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    raise typer.Exit(result.status.exit_code)


@app.command()
def replay(
    recording: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="A recording folder (with recording.json), e.g. fixtures/coursera."
        ),
    ],
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1; 0 picks a free one.")
    ] = 0,
    log: Annotated[
        Path | None,
        typer.Option("--log", metavar="FILE", help="Append one JSON line per answered request here."),
    ] = None,
) -> None:
    """Serve a recording on 127.0.0.1 as a stand-in for the site.

    Prints its URL on the first line of standard output when ready, then serves until
    Ctrl-C. It keeps the flow's state (signed in, subscription active or cancelled),
    accepts only the recording's demo account, and logs method, path, status and
    "destructive": true for the request that cancels. Bodies, queries and cookies are
    never logged.
    """
    from automator.recording import load_recording
    from automator.replay import ReplayServer

    try:
        loaded = load_recording(recording)
        server = ReplayServer(loaded, port, log)
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    typer.echo(server.url)
    sys.stdout.flush()
    err.print(f"Replaying '{loaded.name}' from {recording} at {server.url} (Ctrl-C to stop).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        err.print("Replay stopped.")
    finally:
        server.stop()


class _LazyKeyring:
    """Imports keyring only when the environment holds no credentials (it is slow to load)."""

    def get_password(self, service_name: str, username: str) -> str | None:
        import keyring

        return keyring.get_password(service_name, username)


def _mask_email(email: str) -> str:
    name, _, domain = email.partition("@")
    return f"{name[:1]}…@{domain}" if domain else "…"


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    try:
        return app(args=argv, prog_name="automator")
    except KeyboardInterrupt:
        err.print("Interrupted.")
        raise SystemExit(Status.INTERRUPTED.exit_code) from None
