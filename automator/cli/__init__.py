"""The command line: the only part that talks to people. It parses options, prompts, prints
progress and turns the core's results and exceptions into words and exit codes.

This module assembles the typer app; each command group lives in a module of its own
(cancel, account, receipts, recordings), the terminal in console, the shared options in
options, and the mapping of exceptions to exit codes in boundary."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from automator import __version__
from automator.cli import account, cancel, receipts, recordings, serving, sessions, setup_commands, status
from automator.cli.boundary import guarded
from automator.cli.console import err
from automator.cli.conventions import HELP_OPTIONS, Group, completion
from automator.cli.options import with_options
from automator.cli.runtime import Runtime
from automator.status import Status

__all__ = ["Runtime", "app", "main"]

app = typer.Typer(
    name="automator",
    help=(
        "Cancel a Coursera subscription with a real browser. The tool signs in, opens "
        "Settings → Subscriptions, gets through the survey and the offers, and stops at the "
        "final 'Yes, Cancel' until you type your approval."
    ),
    epilog=(
        "Examples:\n\n\b\n"
        "  automator demo              # see it work first, on the bundled recording: no account\n"
        "  automator credentials set   # once: your email and password into the OS keyring\n"
        "  automator cancel --dry-run  # look first: a report and screenshots, nothing changes\n"
        "  automator cancel            # then for real: you type yes at the final dialog\n\n"
        "Each command has -h (or --help), with examples of its own."
    ),
    cls=Group,
    context_settings=HELP_OPTIONS,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"automator {__version__}")
        raise typer.Exit(0)


credentials_app = typer.Typer(
    help="Store, inspect or delete the Coursera email and password in the OS keyring.\n\n"
    "Examples:\n\n\b\n"
    "  automator credentials set            # asks for the email, and the password twice\n"
    "  automator credentials status --json  # the backend, and whether an account is stored\n"
    "  automator credentials delete",
    no_args_is_help=True,
)
app.command("cancel", help=cancel.HELP)(guarded(with_options(cancel.CancelOptions, cancel.cancel)))
app.command("check", help=recordings.CHECK_HELP)(
    guarded(with_options(recordings.CheckOptions, recordings.check))
)
app.command("record")(guarded(with_options(recordings.RecordOptions, recordings.record)))
app.command("status", help=status.STATUS_HELP)(guarded(with_options(status.StatusOptions, status.status)))
app.command("remind", help=status.REMIND_HELP)(guarded(with_options(status.RemindOptions, status.remind)))
app.command("history")(guarded(receipts.history))
app.command("login")(guarded(account.login))
app.command("logout")(guarded(account.logout))
app.add_typer(credentials_app, name="credentials")
credentials_app.command("set")(guarded(account.credentials_set))
credentials_app.command("status")(guarded(account.credentials_status))
credentials_app.command("delete")(guarded(account.credentials_delete))
app.command("replay")(guarded(with_options(serving.ReplayOptions, serving.replay)))
session_app = typer.Typer(
    help="Move a saved browser session to another machine (a CI secret) as one line: cookies only.\n\n"
    "Examples:\n\n\b\n"
    "  automator session export | gh secret set AUTOMATOR_SESSION\n"
    "  automator session import < session.txt",
    no_args_is_help=True,
)
app.add_typer(session_app, name="session")
session_app.command("export")(guarded(sessions.session_export))
session_app.command("import")(guarded(sessions.session_import))
app.command("completion")(completion)
app.command("demo", help=setup_commands.DEMO_HELP)(
    guarded(with_options(setup_commands.DemoOptions, setup_commands.demo))
)
app.command("install-browser")(guarded(setup_commands.install_browser))


def main(argv: list[str] | None = None, runtime: Runtime | None = None) -> Any:
    """Console-script entry point; `runtime` is typer's context object for every command."""
    try:
        return app(args=argv, prog_name="automator", obj=runtime or Runtime())
    except KeyboardInterrupt:
        err.print("Interrupted.")
        raise SystemExit(Status.INTERRUPTED.exit_code) from None
