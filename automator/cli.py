"""The command line: the only module that talks to people. It parses options, prompts,
prints progress and turns the core's results and exceptions into words and exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from automator import __version__
from automator.approval import APPROVAL_WORD, OFFER_WORD, Summary
from automator.errors import AutomatorError, ConfigError
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

if TYPE_CHECKING:
    from automator.credentials import Credentials
    from automator.keystore import Keystore

app = typer.Typer(
    name="automator",
    help=(
        "Cancel a Coursera subscription with a real browser. The tool signs in, opens "
        "Settings → Subscriptions, gets through the survey and the offers, and stops at the "
        "final 'Yes, Cancel' until you type your approval."
    ),
    epilog=(
        "Start here: automator credentials set, then automator cancel --dry-run to look first, "
        "then automator cancel. Each command has --help."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
# An already launched Playwright browser for `cancel` to open its context in, instead of
# launching its own. Only the tests set it: they run many commands in one process.
SHARED_BROWSER: Any = None

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
Headed = Annotated[
    bool | None,
    typer.Option(
        "--headed/--headless",
        help="Show the browser window or not. Default: shown when a display is available "
        "(hidden for --dry-run).",
        show_default=False,
    ),
]
AllowInsecure = Annotated[
    bool,
    typer.Option(
        "--allow-insecure-keyring",
        help="Accept a keyring backend that stores passwords in a plain file (with a warning).",
    ),
]
Timeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=1.0,
        metavar="SECONDS",
        help="Time budget for each step: how long the tool waits for the site before it stops "
        "and says so (it never hangs on a dead page).",
    ),
]


def _fail(message: str, code: int = USAGE_EXIT_CODE) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True)
    return typer.Exit(code)


class ConsoleUI:
    """Progress lines as steps happen, and the approval prompt, on the terminal."""

    def __init__(self, dry_run: bool) -> None:
        self.dry_run = dry_run

    def step(self, step: StepRecord) -> None:
        note = f" — {step.note}" if step.note else ""
        err.print(f"  ✓ {escape(step.title)} [dim]({step.seconds:.1f}s)[/]{escape(note)}", markup=True)

    def info(self, message: str) -> None:
        err.print(f"  → {message}")

    def ask_secret(self, prompt: str) -> str | None:
        return _ask(prompt, secret=True)

    def ask_offer(self, summary: Summary) -> str | None:
        if not sys.stdin.isatty():
            return None  # nobody to ask: decline and go on cancelling, as asked
        err.print()
        err.print(f"[bold]Coursera offers:[/] {escape(summary.offer or '')}", markup=True)
        return _ask(
            f"Type {OFFER_WORD} to take this offer instead of cancelling (this changes your "
            "subscription), or press Enter to decline it and go on: "
        )

    def choose(self, rows: list[Any]) -> int | None:
        if not sys.stdin.isatty():
            return None
        err.print("[bold]This account has several subscriptions:[/]", markup=True)
        for number, row in enumerate(rows, 1):
            err.print(f"  {number}. {row.line()}")
        answer = (_ask(f"Which one should be cancelled? [1-{len(rows)}, Enter for none]: ") or "").strip()
        return int(answer) - 1 if answer.isdigit() and 1 <= int(answer) <= len(rows) else None

    def ask_approval(self, summary: Summary) -> str | None:
        err.print()
        err.print("[bold]Ready to cancel:[/]", markup=True)
        rows = [
            ("Plan", summary.plan + (" (free trial)" if summary.trial_ends else "")),
            ("Price", summary.price),
            (
                "Trial ends" if summary.trial_ends else "Next billing date",
                summary.trial_ends or summary.next_billing_date,
            ),
            ("Access until", summary.access_until),
        ]
        for label, value in rows:
            if value:
                err.print(f"  {label + ':':<19}{value}")
        if summary.trial_ends:
            err.print(
                "  Cancelling the trial now means no charge is made; access lasts until "
                f"{summary.trial_ends}."
            )
        if summary.terms:
            err.print(f"  Coursera says:     {summary.terms}")
        return _ask(
            f"Type {APPROVAL_WORD} and press Enter to press '{summary.button}' on Coursera; "
            "anything else keeps the subscription: "
        )


def _ask(prompt: str, secret: bool = False) -> str | None:
    """One line from the person, None at end of input; typed hidden when secret on a terminal.

    Prompts go to standard error, so that --json output on standard output stays clean.
    """
    if secret and sys.stdin.isatty():
        import getpass

        try:
            return getpass.getpass(prompt, stream=sys.stderr)
        except EOFError:
            return None
    err.print(prompt, end="")
    line = sys.stdin.readline()
    if not sys.stdin.isatty():
        err.print()  # nothing was echoed: end the prompt's line ourselves
    return line.rstrip("\r\n") if line else None


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
    headed: Headed = None,
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
    subscription: Annotated[
        str | None,
        typer.Option(
            "--subscription",
            metavar="NAME",
            help="Which subscription, when there are several: a unique part of its name "
            "(case-insensitive). At a terminal you are asked instead.",
        ),
    ] = None,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    json_out: Annotated[bool, typer.Option("--json", help="Also print run.json to standard output.")] = False,
    allow_insecure_keyring: AllowInsecure = False,
) -> None:
    """Cancel your Coursera subscription; you approve the final click.

    Signs in with the session saved by an earlier run or by `automator login`; else with
    COURSERA_EMAIL and COURSERA_PASSWORD, else the OS keyring (`automator credentials
    set`), else it asks at the terminal. There is no password option: command lines end up
    in shell history. CAPTCHAs and two-factor codes are handed to you.

    The browser stops at Coursera's final "Yes, Cancel" dialog and shows what will be
    cancelled. Only typing "yes" presses it; any other answer, an empty line or end of input
    backs out and changes nothing. Ctrl-C stops the run at once and closes the browser; the
    message says whether anything had been pressed.

    Retention offers met on the way are shown to you at a terminal: type "accept" to take
    one instead of cancelling; otherwise they are declined. A subscription billed by Apple,
    Google Play or an organisation is not touched: you are told where to cancel it.

    Exit codes: 0 cancelled or dry run complete, 1 error, 2 bad usage or no credentials,
    3 declined, 4 already cancelled, 5 sign-in failed, 6 unrecognised screen (the site
    changed), 7 needs you (CAPTCHA, sign-in through another service), 8 billed elsewhere,
    9 no subscription, 10 offer accepted, 11 several subscriptions and none chosen,
    130 interrupted.
    """
    from automator.cancel import run_cancel

    try:
        url, folder, provider, has_session = _prepare(base_url, allow_insecure_keyring)
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    headless = _headless(headed, default_headless=dry_run)
    settings = RunSettings(
        base_url=url,
        dry_run=dry_run,
        headless=headless,
        out_dir=out or default_out_dir(folder, datetime.now()),
        data_dir=folder,
        timeout_s=timeout,
        reason=reason,
        subscription=subscription,
    )
    mode = "Dry run" if dry_run else "Cancelling"
    how = "with the saved session" if has_session else "signing in"
    err.print(
        f"[bold]{mode}[/] on {escape(url)}, {how}, in a {'headless' if headless else 'visible'} browser.",
        markup=True,
    )
    try:
        result = run_cancel(settings, provider, ConsoleUI(dry_run), browser=SHARED_BROWSER)
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    style = "green" if result.status in (Status.CANCELLED, Status.DRY_RUN_COMPLETE) else "yellow"
    err.print(f"[bold {style}]{result.status.value}[/]: {escape(result.message)}", markup=True)
    if result.status is Status.CANCELLED:
        err.print("Coursera emails a confirmation; access continues until the date above.")
    if result.status is Status.BILLED_ELSEWHERE:
        _offer_to_open(result.subscription.get("billing", {}).get("url"))
    err.print(f"Report: {result.out_dir / 'report.html'}\nRun record: {result.out_dir / 'run.json'}")
    if json_out:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    raise typer.Exit(result.status.exit_code)


@app.command()
def check(
    base_url: BaseUrl = DEFAULT_BASE_URL,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Folder for report.md, report.json and the screenshots.",
            show_default=False,
        ),
    ] = None,
    recording: Annotated[
        Path | None,
        typer.Option(
            "--recording",
            metavar="DIR",
            help="Compare with the screens this recording expects (its recording.json 'flow'). "
            "Default: the flow the tool knows.",
        ),
    ] = None,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    allow_insecure_keyring: AllowInsecure = False,
) -> None:
    """Walk the flow in dry run and report which screen changed, and how. Never cancels.

    Each screen met is held against its contract: the locators the flow uses (each must find
    exactly one visible element) and an ARIA template of the region it acts in. Writes
    report.md, report.json and masked screenshots.

    Exit codes: 0 no drift, 6 drift, 1 the check could not get through for another reason
    (site down, sign-in refused, CAPTCHA), 2 bad usage.
    """
    from automator.check import run_check

    try:
        url, folder, provider, _session = _prepare(base_url, allow_insecure_keyring)
        expected = None
        if recording is not None:
            from automator.recording import load_recording

            expected = load_recording(recording).flow or None
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    settings = RunSettings(
        base_url=url,
        dry_run=True,
        headless=True,
        data_dir=folder,
        timeout_s=timeout,
        out_dir=out
        or default_out_dir(folder, datetime.now()).with_name(
            "check-" + datetime.now().strftime("%Y%m%d-%H%M%S")
        ),
    )
    err.print(f"[bold]Checking[/] the flow on {escape(url)} (dry run: nothing is cancelled).", markup=True)
    try:
        report = run_check(settings, provider, ConsoleUI(dry_run=True), expected, browser=SHARED_BROWSER)
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    style = {"unchanged": "green", "drift": "bold red"}.get(report.verdict, "yellow")
    err.print(f"[{style}]{report.verdict}[/]: {escape(report.message)}", markup=True)
    err.print(f"Report: {settings.out_dir / 'report.md'}")
    raise typer.Exit(report.exit_code)


@app.command()
def record(
    out: Annotated[
        Path,
        typer.Option("--out", metavar="DIR", help="The new recording's folder (e.g. fixtures/coursera-new)."),
    ],
    base_url: BaseUrl = DEFAULT_BASE_URL,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
    allow_insecure_keyring: AllowInsecure = False,
) -> None:
    """Walk the site in dry run and write what it shows as a recording. Never cancels.

    Each screen's page is kept with the site's scripts removed and personal data scrubbed
    (your email and name become placeholders; card digits, CSRF tokens, session and user ids
    are replaced), in the format `automator replay` serves and `automator check --recording`
    compares against. Review the diff before committing it as fixtures.
    """
    from automator.record import run_record

    try:
        url, folder, provider, _session = _prepare(base_url, allow_insecure_keyring)
        if out.exists() and any(out.iterdir()):
            raise ConfigError(f"{out} is not empty: record into a new folder, then compare")
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    settings = RunSettings(
        base_url=url, dry_run=True, headless=True, data_dir=folder, timeout_s=timeout, out_dir=out
    )
    err.print(
        f"[bold]Recording[/] {escape(url)} into {escape(str(out))} (dry run: nothing is cancelled).",
        markup=True,
    )
    try:
        result, where = run_record(settings, provider, ConsoleUI(dry_run=True), browser=SHARED_BROWSER)
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    err.print(f"{result.status.value}: {escape(result.message)}", markup=True)
    err.print(f"Recording written to {where} ({len(list((where / 'pages').glob('*.html')))} pages).")
    raise typer.Exit(0 if result.status is Status.DRY_RUN_COMPLETE else result.status.exit_code)


@app.command()
def history(
    json_out: Annotated[bool, typer.Option("--json", help="Print the receipts as JSON.")] = False,
) -> None:
    """List past verified cancellations, newest first, with where each receipt is kept."""
    from automator.history import list_receipts
    from automator.session import data_dir

    receipts = list_receipts(data_dir())
    if json_out:
        typer.echo(json.dumps(receipts, indent=2))
        return
    if not receipts:
        typer.echo("No cancellations recorded yet.")
        return
    for r in receipts:
        typer.echo(
            f"{r.get('cancelled_at', '?')}  {r.get('plan') or '?'}  {r.get('price') or ''}  "
            f"access until {r.get('access_until') or '?'}"
        )
        typer.echo(f"    {r['folder']}")


@app.command()
def login(
    base_url: BaseUrl = DEFAULT_BASE_URL,
    headed: Headed = None,
    timeout: Timeout = DEFAULT_TIMEOUT_S,
) -> None:
    """Sign in yourself, in a browser window; the session is kept for later runs.

    For accounts the tool cannot sign into by itself: Google, Apple, Facebook or
    organisation sign-in, a CAPTCHA, a two-factor prompt. Sign in in the window, then press
    Enter here. The session (cookies, never a password) is saved with file mode 0600 in
    the user's data folder; `automator logout` deletes it.
    """
    from automator.login import run_login
    from automator.session import data_dir

    try:
        url = normalise_base_url(base_url)
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    headless = headed is False  # a window by default: signing in is the person's job here
    if not headless and not _display():
        raise _fail(
            "`automator login` shows a browser window, and this machine has no display. Run it "
            "on a machine with a screen (the session file can then be copied), or set "
            "COURSERA_EMAIL and COURSERA_PASSWORD for `automator cancel`."
        )

    def wait_for_person() -> None:
        err.print("Sign in to Coursera in the browser window (any way you like), then press Enter here.")
        _ask("Press Enter when you see your Coursera home page: ")

    try:
        path = run_login(url, data_dir(), headless, wait_for_person, timeout * 1000)
    except AutomatorError as exc:
        raise _fail(str(exc), exc.status.exit_code) from None
    err.print(f"Signed in. The session is saved in {path}; later runs skip the sign-in.")


@app.command()
def logout(
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", metavar="URL", help="Forget only this site's session. Default: all."),
    ] = None,
) -> None:
    """Forget the saved browser session(s): the next run signs in again."""
    from automator.session import data_dir, delete_sessions

    try:
        url = normalise_base_url(base_url) if base_url else None
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    deleted = delete_sessions(data_dir(), url)
    err.print(f"Deleted {len(deleted)} saved session(s)." if deleted else "No saved session to delete.")


credentials_app = typer.Typer(
    help="Store, inspect or delete the Coursera email and password in the OS keyring.",
    no_args_is_help=True,
)
app.add_typer(credentials_app, name="credentials")


@credentials_app.command("set")
def credentials_set(allow_insecure_keyring: AllowInsecure = False) -> None:
    """Store the Coursera email and password in the OS keyring (the password is asked twice, hidden)."""
    from automator.credentials import check_email

    store = _keystore(allow_insecure_keyring)
    try:
        store.check()
        email = check_email(_ask("Coursera email: ") or "")
        password = _ask("Password (hidden): ", secret=True) or ""
        if not password:
            raise ConfigError("the password is empty; nothing was stored")
        if _ask("Password again: ", secret=True) != password:
            raise ConfigError("the two passwords differ; nothing was stored")
        store.store(email, password)
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    err.print(f"Stored the account {email} in the OS keyring ({store.info.name}).")


@credentials_app.command("status")
def credentials_status(allow_insecure_keyring: AllowInsecure = False) -> None:
    """Which keyring backend is in use and whether an account is stored (never the password)."""
    from automator.keystore import KeyringUnusable

    store = _keystore(allow_insecure_keyring)
    typer.echo(f"Keyring backend: {store.info.name}")
    try:
        store.check()
        email = store.email()
        stored = bool(email) and store.has_password(email or "")
    except KeyringUnusable as exc:
        typer.echo(f"Usable: no. {exc}")
        raise typer.Exit(USAGE_EXIT_CODE) from None
    warning = " (insecure: allowed by --allow-insecure-keyring)" if store.info.insecure else ""
    typer.echo(f"Usable: yes{warning}")
    typer.echo(f"Account: {email if stored else 'none stored'}")


@credentials_app.command("delete")
def credentials_delete(allow_insecure_keyring: AllowInsecure = False) -> None:
    """Delete the stored Coursera account from the OS keyring."""
    store = _keystore(allow_insecure_keyring)
    try:
        deleted = store.delete()
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    err.print("Deleted the stored account." if deleted else "No account was stored.")


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
    fault: Annotated[
        list[str] | None,
        typer.Option(
            "--fault",
            metavar="KIND:METHOD /path[@K][*N]",
            help="Inject a fault into the first matching request (@K: from the K-th on; *N: "
            "the first N, *0: all). KIND: "
            "500, reset, slow, hang, expire (sessions end), detour (an unknown page), popup. Repeatable.",
        ),
    ] = None,
    fault_delay: Annotated[
        float,
        typer.Option("--fault-delay", metavar="SECONDS", help="How long a 'slow' fault holds its answer."),
    ] = 60.0,
    scramble: Annotated[
        int | None,
        typer.Option(
            "--scramble",
            metavar="SEED",
            help="Rewrite every page served, keeping roles, accessible names and the documented "
            "hooks: new ids and classes, extra wrappers, buttons reordered and turned into "
            "div role=button (and back), other heading levels, lists as tables, the sign-in as a "
            "page or a dialog. The same SEED gives the same pages.",
        ),
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
    from automator.replay import Fault, ReplayServer

    try:
        loaded = load_recording(recording)
        faults = [Fault.parse(rule) for rule in fault or []]
        server = ReplayServer(loaded, port, log, faults, fault_delay, scramble)
    except AutomatorError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    typer.echo(server.url)
    sys.stdout.flush()
    scrambled = f", scrambled with seed {scramble}" if scramble is not None else ""
    err.print(f"Replaying '{loaded.name}' from {recording} at {server.url}{scrambled} (Ctrl-C to stop).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        err.print("Replay stopped.")
    finally:
        server.stop()


def _prepare(base_url: str, allow_insecure: bool) -> tuple[str, Path, Callable[[], Credentials], bool]:
    """The site, the data folder, the credentials (resolved now unless a saved session may make
    them unnecessary: a run that could never sign in fails before opening a browser)."""
    from automator.session import data_dir, session_file

    url = normalise_base_url(base_url)
    folder = data_dir()
    provider = _credentials_provider(allow_insecure)
    has_session = session_file(folder, url).is_file()
    if not has_session:
        provider()
    return url, folder, provider, has_session


def _keystore(allow_insecure: bool) -> Keystore:
    from automator.keystore import Keystore

    store = Keystore(allow_insecure=allow_insecure)
    if allow_insecure and store.info.insecure:
        err.print(f"warning: using the insecure keyring backend {store.info.name}: {store.info.problem}.")
    return store


def _credentials_provider(allow_insecure: bool) -> Callable[[], Credentials]:
    """Resolve credentials once, when first needed; say which source was used, never the value."""
    from automator.credentials import resolve_credentials

    def prompt(can_store: bool) -> tuple[str, str, bool] | None:
        err.print("Coursera credentials are needed to sign in.")
        email = _ask("Coursera email: ")
        password = _ask("Password (hidden): ", secret=True)
        if not email or password is None:
            return None
        keep = can_store and (
            _ask("Store them in the OS keyring for next time? [y/N] ") or ""
        ).strip().lower() in {"y", "yes"}
        return email, password, keep

    def provide() -> Credentials:
        found = resolve_credentials(
            os.environ,
            lambda: _keystore(allow_insecure),
            prompt if sys.stdin.isatty() else None,
            note=lambda message: err.print(f"  → {message}"),
        )
        err.print(f"  → Signing in as {_mask_email(found.email)} (credentials from the {found.source}).")
        return found

    return _cached(provide)


def _cached(fn: Callable[[], Credentials]) -> Callable[[], Credentials]:
    box: list[Credentials] = []

    def once() -> Credentials:
        if not box:
            box.append(fn())
        return box[0]

    return once


def _offer_to_open(url: str | None) -> None:
    """Offer to open the billing page in the person's own browser (never the tool's)."""
    if not url or not sys.stdin.isatty():
        return
    if (_ask(f"Open {url} in your browser? [y/N] ") or "").strip().lower() in {"y", "yes"}:
        import webbrowser

        webbrowser.open(url)


def _display() -> bool:
    from automator.browser import display_available

    return display_available()


def _headless(headed: bool | None, default_headless: bool) -> bool:
    """--headed/--headless if given; else hidden when asked or when there is no display."""
    if headed is not None:
        return not headed
    return default_headless or not _display()


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
