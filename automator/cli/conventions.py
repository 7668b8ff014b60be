"""What every command shares, as gh, uv and httpie do: `-h` beside `--help`, one error style
(`error: …`) for a mistyped command line as for the tool's own errors, and `automator
completion SHELL` printing the completion script of the shell named.

typer is built on its own copy of click (typer._click): the errors to restyle and the
completion classes are that copy's. The completion scripts are typer's, and so is the code
that answers them (`_AUTOMATOR_COMPLETE=complete_bash automator …`), registered here once."""

from __future__ import annotations

from enum import StrEnum
from typing import IO, Annotated, Any

import typer
from typer._click import Context
from typer._click.exceptions import BadParameter, MissingParameter, NoArgsIsHelpError, UsageError
from typer._click.shell_completion import get_completion_class
from typer._completion_classes import completion_init
from typer.core import TyperGroup

from automator.cli.console import err, print_error

HELP_OPTIONS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}

# An option's metavar, as the unit its value is in.
UNITS = {"SECONDS": "in seconds"}
# typer's words for a value it could not take (pydantic's), by how they begin, in plain words.
PROBLEMS = (
    ("Input should be a valid number", "not a number"),
    ("Input should be a valid integer", "not a whole number"),
    ("Input should be greater than", "too small"),
    ("Input should be less than", "too large"),
)

completion_init()  # typer's completion classes answer the scripts `completion` prints


class CommandLineError(UsageError):
    """A mistake on the command line, said as the tool's own errors are."""

    def show(self, file: IO[Any] | None = None) -> None:
        print_error(self.message)
        if self.ctx is not None:
            err.print(f"Run '{self.ctx.command_path} -h' for its options and examples.")


class Group(TyperGroup):
    """The root command: every usage error under it, the sub-commands' included, restyled."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as exc:
            raise restyled(exc) from None

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise restyled(exc) from None


def restyled(exc: UsageError) -> UsageError:
    if isinstance(exc, (CommandLineError, NoArgsIsHelpError)):
        return exc  # already in style, or the help asked for by giving no arguments
    return CommandLineError(usage_message(exc), exc.ctx)


def usage_message(exc: UsageError) -> str:
    """'--timeout: too small; --timeout is in seconds, at least 1', 'no such option: --x'."""
    param = getattr(exc, "param", None)
    if isinstance(exc, BadParameter) and not isinstance(exc, MissingParameter) and param:
        name = param.get_error_hint().replace("'", "")
        name = name if name.startswith("-") else name.upper()  # an argument, as its help names it
        message = exc.message.removeprefix("Value error, ")
        problem = next((plain for start, plain in PROBLEMS if message.startswith(start)), None)
        problem = problem or _sentence(message)
        expected = expectation(param)
        return f"{name}: {problem}; {name} is {expected}" if expected else f"{name}: {problem}"
    return _sentence(exc.format_message())


def expectation(param: Any) -> str:
    """'in seconds, at least 1', 'a number from 0 to 65535', or '' when nothing is known."""
    unit = UNITS.get(getattr(param, "metavar", None) or "")
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        bounds = f"from {low:g} to {high:g}"
    elif low is not None or high is not None:
        bounds = f"at least {low:g}" if low is not None else f"at most {high:g}"
    else:
        bounds = ""
    if unit:
        return f"{unit}, {bounds}" if bounds else unit
    return f"a number {bounds}" if bounds else ""


def _sentence(text: str) -> str:
    """click's 'Missing option '--out'.' as a clause: 'missing option '--out''."""
    text = text.strip().rstrip(".").replace("(Possible options:", "(possible options:")
    return text[:1].lower() + text[1:]


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(
    ctx: typer.Context,
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="The shell: bash, zsh or fish.")],
) -> None:
    """Print the completion script for SHELL: commands and options complete on Tab.

    Load it in the shell's own way: keep it where the shell looks for completions, or source
    it from the shell's start-up file.

    Examples:

    \b
      automator completion bash > ~/.local/share/bash-completion/completions/automator
      automator completion zsh > ~/.zfunc/_automator   # with fpath+=~/.zfunc before compinit
      automator completion fish > ~/.config/fish/completions/automator.fish
    """
    root = ctx.find_root()
    program = root.info_name or "automator"
    complete = get_completion_class(shell.value)
    assert complete is not None  # completion_init registered all three
    variable = f"_{program.replace('-', '_').upper()}_COMPLETE"
    typer.echo(complete(root.command, {}, program, variable).source().strip())
