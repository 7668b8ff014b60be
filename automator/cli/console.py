"""The terminal: progress and messages on standard error, and the person's answers.

Prompts go to standard error too, so that --json output on standard output stays clean."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Mapping
from typing import Any, Literal

from rich.console import Console
from rich.markup import escape

from automator.approval import APPROVAL_WORD, OFFER_WORD, Summary
from automator.flow import StepRecord


def make_console(environ: Mapping[str, str] = os.environ, **options: Any) -> Console:
    """A rich Console that honours NO_COLOR (https://no-color.org) wholly: rich's own reading of
    it drops the colours and keeps bold and dim; no colour system drops every style."""
    plain = environ.get("NO_COLOR", "") != ""
    colours: Literal["auto"] | None = None if plain else "auto"
    return Console(highlight=False, soft_wrap=True, markup=False, color_system=colours, **options)


err = make_console(stderr=True)


def print_error(message: str) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True)


def ask(prompt: str, secret: bool = False) -> str | None:
    """One line from the person, None at end of input; typed hidden when secret on a terminal."""
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


def no_answer_possible(fd: int) -> str | None:
    """Why the input `fd` can never give an answer ("/dev/null", "an empty file", "a closed
    pipe"), or None: a terminal, input waiting to be read, or what cannot be known without
    reading (a pipe its writer has not written to yet). Reads nothing, and never waits."""
    try:
        if os.isatty(fd):
            return None
        info = os.fstat(fd)
    except OSError:
        return "closed"
    if stat.S_ISCHR(info.st_mode):
        return "/dev/null" if info.st_rdev == os.stat(os.devnull).st_rdev else None
    if stat.S_ISREG(info.st_mode):
        return "an empty file" if os.lseek(fd, 0, os.SEEK_CUR) >= info.st_size else None
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        return "a closed pipe" if _closed_and_empty(fd) else None
    return None


def _closed_and_empty(fd: int) -> bool:
    """A pipe whose writer is gone and that holds nothing: readable at once, with 0 bytes in it."""
    import fcntl
    import select
    import termios

    readable, _, _ = select.select([fd], [], [], 0)
    if not readable:
        return False  # nothing yet: its writer may still write
    waiting = bytearray(4)
    fcntl.ioctl(fd, termios.FIONREAD, waiting)
    return int.from_bytes(waiting, sys.byteorder) == 0


def stdin_cannot_answer() -> str | None:
    """no_answer_possible for standard input, before anything has read it. A stream in memory
    (a test's scripted answers) has no descriptor to look at: None."""
    if sys.stdin is None:
        return "closed"
    try:
        fd = sys.stdin.fileno()
    except io.UnsupportedOperation:
        return None
    except (OSError, ValueError):
        return "closed"
    return no_answer_possible(fd)


def ask_yes(prompt: str) -> bool:
    return (ask(prompt) or "").strip().lower() in {"y", "yes"}


class ConsoleUI:
    """Progress lines as steps happen, and the approval prompt, on the terminal."""

    def step(self, step: StepRecord) -> None:
        """✓ a screen got through; ✗ where the run stopped. The stop's note is the run's final
        message, which the command prints once, at the end."""
        mark = "✗" if step.stopped else "✓"
        note = f" — {step.note}" if step.note and not step.stopped else ""
        err.print(f"  {mark} {escape(step.title)} [dim]({step.seconds:.1f}s)[/]{escape(note)}", markup=True)

    def info(self, message: str) -> None:
        err.print(f"  → {message}")

    def ask_secret(self, prompt: str) -> str | None:
        return ask(prompt, secret=True)

    def ask_offer(self, summary: Summary) -> str | None:
        if not sys.stdin.isatty():
            return None  # nobody to ask: decline and go on cancelling, as asked
        err.print()
        err.print(f"[bold]Coursera offers:[/] {escape(summary.offer or '')}", markup=True)
        return ask(
            f"Type {OFFER_WORD} to take this offer instead of cancelling (this changes your "
            "subscription), or press Enter to decline it and go on: "
        )

    def choose(self, rows: list[Any]) -> int | None:
        if not sys.stdin.isatty():
            return None
        err.print("[bold]This account has several subscriptions:[/]", markup=True)
        for number, row in enumerate(rows, 1):
            err.print(f"  {number}. {row.line()}")
        answer = (ask(f"Which one should be cancelled? [1-{len(rows)}, Enter for none]: ") or "").strip()
        return int(answer) - 1 if answer.isdigit() and 1 <= int(answer) <= len(rows) else None

    def ask_approval(self, summary: Summary) -> str | None:
        err.print()
        err.print("[bold]Ready to cancel:[/]", markup=True)
        for label, value in _summary_rows(summary):
            if value:
                err.print(f"  {label + ':':<19}{value}")
        if summary.trial_ends:
            err.print(
                "  Cancelling the trial now means no charge is made; access lasts until "
                f"{summary.trial_ends}."
            )
        if summary.terms:
            err.print(f"  Coursera says:     {summary.terms}")
        return ask(
            f"Type {APPROVAL_WORD} and press Enter to press '{summary.button}' on Coursera; "
            "anything else keeps the subscription: "
        )


def _summary_rows(summary: Summary) -> list[tuple[str, str | None]]:
    return [
        ("Plan", summary.plan + (" (free trial)" if summary.trial_ends else "")),
        ("Price", summary.price),
        (
            "Trial ends" if summary.trial_ends else "Next billing date",
            summary.trial_ends or summary.next_billing_date,
        ),
        ("Access until", summary.access_until),
    ]


def offer_to_open(url: str | None) -> None:
    """Offer to open the billing page in the person's own browser (never the tool's)."""
    if not url or not sys.stdin.isatty():
        return
    if ask_yes(f"Open {url} in your browser? [y/N] "):
        import webbrowser

        webbrowser.open(url)


def mask_email(email: str) -> str:
    name, _, domain = email.partition("@")
    return f"{name[:1]}…@{domain}" if domain else "…"
