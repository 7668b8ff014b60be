"""The one place where the core's exceptions become an error line and an exit code.

Each exception type has one exit code wherever it is raised, before a run or during one:
a ConfigError (bad settings, no credentials, no browser, an unwritable folder) and a
malformed recording are bad usage, exit 2, as the README's table and automator/status.py
say; any other AutomatorError exits with its status's code."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import typer

from automator.cli.console import print_error
from automator.errors import AutomatorError, ConfigError, RecordingError
from automator.status import USAGE_EXIT_CODE

USAGE_ERRORS: tuple[type[AutomatorError], ...] = (ConfigError, RecordingError)

Command = TypeVar("Command", bound=Callable[..., Any])


def exit_code(exc: AutomatorError) -> int:
    return USAGE_EXIT_CODE if isinstance(exc, USAGE_ERRORS) else exc.status.exit_code


def guarded(command: Command) -> Command:
    """The command, with its AutomatorErrors said in one line and ended with their exit code.

    typer still sees the command's own signature and docstring (functools.wraps)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AutomatorError as exc:
            print_error(str(exc))
            raise typer.Exit(exit_code(exc)) from None

    return cast(Command, run)
