"""`automator status` and `automator remind`: the subscriptions as the account shows them, read
by a walk that presses nothing on the list (automator/status_walk.py), as a table or JSON, and
as calendar reminders of the coming charges (automator/reminders.py)."""

from __future__ import annotations

import json
import os
import shlex
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from automator.cli.console import ConsoleUI, err
from automator.cli.options import AllowInsecure, BaseUrl, Headed, SiteName, Timeout
from automator.cli.runtime import headless, prepare, shared_browser, today
from automator.errors import ConfigError
from automator.holdings import Standing, standings
from automator.refund import refund_window
from automator.settings import DEFAULT_BASE_URL, DEFAULT_TIMEOUT_S, RunSettings, default_out_dir
from automator.sites import DEFAULT_SITE, site_named
from automator.status import USAGE_EXIT_CODE, Status

if TYPE_CHECKING:
    from automator.status_walk import Listing

# Wide enough off a terminal (a file, a pipe) that no date is cut; cells are never markup.
TABLE_WIDTH = 120

# The ways a read of the list can end other than read: the run's own statuses and exit codes.
NOT_READ = (
    Status.ERROR, Status.SIGN_IN_FAILED, Status.UNRECOGNIZED_SCREEN, Status.NEEDS_HUMAN, Status.INTERRUPTED
)
_CODES = {0: "the list was read (whatever it holds)", USAGE_EXIT_CODE: "bad usage or no credentials"}
_CODES.update({status.exit_code: status.value for status in NOT_READ})
EXIT_CODES_HELP = f"Exit codes: {', '.join(f'{code} {words}' for code, words in sorted(_CODES.items()))}."
STATUS_HELP = f"""Show every subscription on the account: plan, state, who bills it, price, the
next charge and the days left until it, and until when you have access.

A read-only walk, in a hidden browser unless --headed: it signs in (with the saved session
when there is one), opens the list of subscriptions and reads it. It never presses Cancel or
anything else on that list, and the browser blocks any request that would change the
account. A charge 3 days away or less is said in words, and where the site's refund rules
say a refund may be possible, until when (cancelling never requests one).

Examples:

\b
  automator status            # the table
  automator status --json     # the same for programs, on standard output
  automator status --headed   # watch the read-only walk in a browser window

{EXIT_CODES_HELP}
"""
REMIND_HELP = f"""Write the coming charges to an iCalendar file (.ics) to import into a calendar.

One all-day event per running subscription or free trial, on the day of the next charge or
the trial's end, with an alarm at each lead time (--before). Each event says what will be
charged and the exact command that cancels it. Importing a newer file updates the events
instead of adding copies. The subscriptions are read as `automator status` reads them, and
the exit codes are the same.

Examples:

\b
  automator remind                                    # subscriptions.ics, alarms 7, 3 and 1 days before
  automator remind --out ~/coursera.ics --before 2    # one alarm, two days before

{EXIT_CODES_HELP}
"""


@dataclass(frozen=True)
class WalkOptions:
    headed: Headed = None
    base_url: BaseUrl = DEFAULT_BASE_URL
    site: SiteName = DEFAULT_SITE
    timeout: Timeout = DEFAULT_TIMEOUT_S
    allow_insecure_keyring: AllowInsecure = False


@dataclass(frozen=True)
class StatusOptions(WalkOptions):
    json_out: Annotated[
        bool,
        typer.Option("--json", help="Print the subscriptions as JSON (progress stays on standard error)."),
    ] = False


@dataclass(frozen=True)
class RemindOptions(WalkOptions):
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE.ics",
            help="Where to write the calendar. Default: <site>-reminders.ics in this folder.",
        ),
    ] = None
    before: Annotated[
        str,
        typer.Option(
            "--before",
            metavar="DAYS",
            help="When the alarms go off: days before each charge, comma-separated.",
        ),
    ] = "7,3,1"


def status(ctx: typer.Context, options: StatusOptions) -> None:
    listing = read_subscriptions(ctx, options)
    found = standings_of(ctx, listing)
    if options.json_out:
        typer.echo(json.dumps(as_json(listing, found, today(ctx).isoformat()), indent=2))
    elif found:
        stdout = Console(highlight=False, markup=False)
        if not stdout.is_terminal and not os.environ.get("COLUMNS"):
            stdout.width = TABLE_WIDTH
        stdout.print(table(found))
    else:
        typer.echo("This account has no subscriptions.")
    for standing in found:
        if standing.holding.way_out:
            err.print(f"{standing.holding.plan}: {standing.holding.way_out}")
    say_warnings(found)


def remind(ctx: typer.Context, options: RemindOptions) -> None:
    from automator.reminders import Source, lead_times, reminders

    try:
        before = lead_times(options.before)
    except ValueError as exc:
        raise ConfigError(f"--before: {exc}") from None
    listing = read_subscriptions(ctx, options)
    found = standings_of(ctx, listing)
    site, url = listing.site, listing.result.base_url
    command = "automator cancel" + ("" if url == DEFAULT_BASE_URL else f" --base-url {shlex.quote(url)}")
    calendar = reminders(found, before, Source(site.name, site.title, url, command), datetime.now(UTC))
    path = options.out or Path(f"{site.name}-reminders.ics")
    try:
        path.write_bytes(calendar)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
    events = [s for s in found if s.holding.upcoming and s.next_charge]
    for standing in found:
        if standing.holding.upcoming and not standing.next_charge:
            err.print(f"{standing.holding.plan}: the page gives no date for its next charge; no reminder.")
    alarms = ", ".join(f"{days} day{'' if days == 1 else 's'}" for days in before)
    wrote = f"{len(events)} reminder{'' if len(events) == 1 else 's'}"
    err.print(f"Wrote {wrote} to {path} (alarms {alarms} before each).")
    say_warnings(found)


def read_subscriptions(ctx: typer.Context, options: WalkOptions) -> Listing:
    """The list, read by the read-only walk; a run that could not read it ends the command with
    its status's exit code (sign-in trouble, a changed site)."""
    from automator.status_walk import run_status

    prepared = prepare(site_named(options.site).account, options.base_url, options.allow_insecure_keyring)
    run_dir = default_out_dir(prepared.folder, datetime.now())
    settings = RunSettings(
        base_url=prepared.url,
        dry_run=True,
        headless=headless(options.headed, default_headless=True),
        out_dir=run_dir.with_name(f"{run_dir.name}-status"),
        data_dir=prepared.folder,
        timeout_s=options.timeout,
        site=options.site,
        every_screenshot=False,  # only where a run stops: the list needs no picture
    )
    how = "with the saved session" if prepared.has_session else "signing in"
    err.print(
        f"[bold]Reading the subscriptions[/] on {escape(settings.base_url)}, {how}; nothing is pressed.",
        markup=True,
    )
    listing = run_status(settings, prepared.credentials, ConsoleUI(), browser=shared_browser(ctx))
    result = listing.result
    if listing.holdings is None:
        err.print(f"[bold yellow]{result.status.value}[/]: {escape(result.message)}", markup=True)
        err.print(f"Report: {result.out_dir / 'report.html'}\nRun record: {result.out_dir / 'run.json'}")
        raise typer.Exit(result.status.exit_code)
    return listing


def standings_of(ctx: typer.Context, listing: Listing) -> list[Standing]:
    """The subscriptions read, on today's date; the site's refund rules say where a window applies."""
    site = listing.site
    refund = refund_window(site.refund_rules, site.iso_date)
    return standings(listing.holdings or [], site.iso_date, today(ctx), refund)


def table(found: list[Standing]) -> Table:
    """The status table; a refund-window column only where a window is known. Dates never wrap."""
    refunds = any(standing.refund_window for standing in found)
    grid = Table(title="Subscriptions", box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False)
    grid.add_column("Plan", min_width=12)
    for header in ("State", "Billed by", "Price"):
        grid.add_column(header)
    grid.add_column("Next charge", no_wrap=True, min_width=10)
    grid.add_column("Days left", justify="right", min_width=4)
    grid.add_column("Access until", no_wrap=True, min_width=10)
    if refunds:
        grid.add_column("Refund window")
    for s in found:
        cells = [s.holding.plan, s.state, s.holding.billed_by, s.holding.price, s.next_charge]
        cells += [None if s.days_left is None else str(s.days_left), s.access_until]
        grid.add_row(*(cell or "—" for cell in cells), *([s.refund_window or "—"] if refunds else []))
    return grid


def as_json(listing: Listing, found: list[Standing], day: str) -> dict[str, object]:
    return {
        "site": listing.site.name,
        "base_url": listing.result.base_url,
        "today": day,
        "subscriptions": [standing.as_dict() for standing in found],
        "run": str(listing.result.out_dir),
    }


def say_warnings(found: list[Standing]) -> None:
    for standing in found:
        warn(standing.warning)


def warn(warning: str | None) -> None:
    """A charge close at hand, in words, where the person reads the progress."""
    if warning:
        err.print(f"[bold yellow]{escape(warning)}[/]", markup=True)
