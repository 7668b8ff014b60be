"""The options several commands share, declared once, and the way a command with many options
receives them: as one frozen object, so that its body has a short parameter list."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Annotated, Any, TypeVar, get_type_hints

import typer

from automator.settings import BASE_URL_ENV
from automator.sites import SITES

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
SiteName = Annotated[
    str,
    typer.Option(
        "--site",
        metavar="NAME",
        help=f"Which site's flow to walk: {', '.join(sorted(SITES))} (the only one so far).",
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


def out_option(help: str) -> Any:
    """`--out DIR`: where a command writes; each command says what goes there."""
    return typer.Option("--out", metavar="DIR", help=help, show_default=False)


Options = TypeVar("Options")


def with_options(cls: type[Options], body: Callable[[typer.Context, Options], None]) -> Callable[..., None]:
    """A typer command whose options are the fields of the dataclass `cls`, in their order.

    typer reads the command's signature; this one is built from the fields (their Annotated
    types and defaults), and the body receives them as one `cls` object."""
    hints = get_type_hints(cls, include_extras=True)
    keyword = inspect.Parameter.KEYWORD_ONLY
    params = [inspect.Parameter("ctx", keyword, annotation=typer.Context)]
    for field in fields(cls):  # type: ignore[arg-type]
        default = inspect.Parameter.empty if field.default is MISSING else field.default
        params.append(inspect.Parameter(field.name, keyword, annotation=hints[field.name], default=default))

    def command(ctx: typer.Context, **values: Any) -> None:
        body(ctx, cls(**values))

    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {param.name: param.annotation for param in params}
    command.__name__, command.__doc__ = body.__name__, body.__doc__
    return command
