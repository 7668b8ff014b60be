"""`automator history`: the receipts of verified cancellations, and their proof bundles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from automator.errors import ConfigError

Export = Annotated[
    str | None,
    typer.Option(
        "--export",
        metavar="ID",
        help="Pack the receipt with this id (as listed; a unique beginning will do) into a proof "
        "bundle: receipt, masked screenshot and PDF, the run's report and run.json, a "
        "timeline.json and a MANIFEST.sha256.",
    ),
]
Out = Annotated[
    Path | None,
    typer.Option("--out", metavar="FILE.zip", help="Where --export writes. Default: ./proof-ID.zip."),
]
Verify = Annotated[
    Path | None,
    typer.Option(
        "--verify",
        metavar="FILE.zip",
        help="Check a proof bundle against its MANIFEST.sha256: exit 0 if every file matches, "
        "1 naming each file that differs.",
    ),
]


def history(
    json_out: Annotated[bool, typer.Option("--json", help="Print the receipts as JSON.")] = False,
    export: Export = None,
    out: Out = None,
    verify: Verify = None,
) -> None:
    """List past verified cancellations, newest first, with where each receipt is kept; or
    export one as a proof bundle, or verify a bundle.

    Examples:

    \b
      automator history                      # when, which plan, access until, the receipt's id
      automator history --json               # the same for programs, on standard output
      automator history --export 20261201-1  # one cancellation's proof bundle, as a zip
      automator history --verify proof.zip   # are its files the ones it was made with?
    """
    if (export is not None) + (verify is not None) + json_out > 1:
        raise ConfigError("use one of --json, --export and --verify at a time")
    if out is not None and export is None:
        raise ConfigError("--out is where --export writes: give --export ID too")
    if export is not None:
        _export(export, out)
    elif verify is not None:
        _verify(verify)
    else:
        _list(json_out)


def _list(json_out: bool) -> None:
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
        typer.echo(f"    id {r['id']}: {r['folder']}")


def _export(wanted: str, out: Path | None) -> None:
    from automator.cli.console import err
    from automator.history import find_receipt
    from automator.proof import export_bundle
    from automator.session import data_dir

    folder = find_receipt(data_dir(), wanted)
    target = out or Path(f"proof-{folder.name}.zip")
    for name in export_bundle(folder, target):
        err.print(f"Not included: {name} (the run's folder no longer holds this run's {name}).")
    typer.echo(str(target))


def _verify(bundle: Path) -> None:
    from automator.proof import MANIFEST, verify_bundle

    count = verify_bundle(bundle)
    typer.echo(f"OK: {bundle}: all {count} files match {MANIFEST}.")


def refund_lines(receipt: str | None) -> list[str]:
    """The refund note a receipt keeps, as the person reads it after the cancellation."""
    try:
        record = json.loads(Path(receipt).read_text(encoding="utf-8")) if receipt else {}
    except (OSError, ValueError):
        return []
    lines = (record.get("refund") or {}).get("lines") if isinstance(record, dict) else None
    return [str(line) for line in lines or []]
