"""`automator replay`: a recording served on 127.0.0.1 as a stand-in for the site."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from automator.cli.console import err
from automator.errors import ConfigError


@dataclass(frozen=True)
class ReplayOptions:
    recording: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="A recording folder (with recording.json), e.g. fixtures/coursera."
        ),
    ]
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1; 0 picks a free one.")
    ] = 0
    log: Annotated[
        Path | None,
        typer.Option("--log", metavar="FILE", help="Append one JSON line per answered request here."),
    ] = None
    fault: Annotated[
        list[str] | None,
        typer.Option(
            "--fault",
            metavar="KIND:METHOD /path[@K][*N]",
            help="Inject a fault into the first matching request (@K: from the K-th on; *N: "
            "the first N, *0: all). KIND: "
            "500, reset, slow, hang, expire (sessions end), detour (an unknown page), popup. Repeatable.",
        ),
    ] = None
    fault_delay: Annotated[
        float,
        typer.Option("--fault-delay", metavar="SECONDS", help="How long a 'slow' fault holds its answer."),
    ] = 60.0
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
    ] = None


def replay(ctx: typer.Context, options: ReplayOptions) -> None:
    """Serve a recording on 127.0.0.1 as a stand-in for the site.

    Prints its URL on the first line of standard output when ready, then serves until
    Ctrl-C. It keeps the flow's state (signed in, subscription active or cancelled),
    accepts only the recording's demo account, and logs method, path, status and
    "destructive": true for the request that cancels. Bodies, queries and cookies are
    never logged.

    Examples:

    \b
      automator replay fixtures/coursera                      # prints the URL it serves on
      automator replay fixtures/coursera --port 8000 --log replay.jsonl
      automator replay fixtures/coursera --scramble 7         # other markup, same roles and names
    """
    from automator.recording import load_recording
    from automator.replay import Fault, ReplayServer, ReplayState

    loaded = load_recording(options.recording)
    faults = [Fault.parse(rule) for rule in options.fault or []]
    o = options
    try:
        server = ReplayServer(ReplayState(loaded, o.log, faults, o.fault_delay, o.scramble), o.port)
    except OSError as exc:
        raise ConfigError(f"cannot listen on 127.0.0.1:{options.port}: {exc.strerror or exc}") from None
    typer.echo(server.url)
    sys.stdout.flush()
    scrambled = f", scrambled with seed {options.scramble}" if options.scramble is not None else ""
    served = f"'{loaded.name}' from {options.recording} at {server.url}{scrambled}"
    err.print(f"Replaying {served} (Ctrl-C to stop).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        err.print("Replay stopped.")
    finally:
        server.stop()
