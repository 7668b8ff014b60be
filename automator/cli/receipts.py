"""`automator history`: the receipts of verified cancellations."""

from __future__ import annotations

import json
from typing import Annotated

import typer


def history(
    json_out: Annotated[bool, typer.Option("--json", help="Print the receipts as JSON.")] = False,
) -> None:
    """List past verified cancellations, newest first, with where each receipt is kept.

    Examples:

    \b
      automator history          # when, which plan, access until, the receipt's folder
      automator history --json   # the same for programs, on standard output
    """
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
