"""A person's stopped run as a test: its folder turned into a variant recording.

A run that stopped on a page the flow does not know keeps that page's HTML (scrubbed) and where
it was. The variant is a base recording plus that page at that address, so that replaying it
reproduces the same stop at the same step: a failing test before the fix.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from automator.errors import ConfigError
from automator.record import leaks
from automator.sites import DEFAULT_SITE, site_named

PAGE = "stopped.html"


def variant_from_run(run_dir: Path, base: Path, out: Path) -> Path:
    """Write the variant to `out`: recording.json (extending `base`) and pages/stopped.html."""
    run, page = _stopped_run(run_dir)
    if not (base / "recording.json").is_file():
        raise ConfigError(f"--base {base} is not a recording (no recording.json)")
    left = leaks(page, {})
    if left:
        raise ConfigError(f"{run_dir / 'page.html'} still holds {', '.join(left)}: no variant was written")
    steps = run["steps"]
    site = site_named(str(run.get("site") or DEFAULT_SITE))
    signed_in = any(step["name"] not in site.signed_out_screens for step in steps[:-1])
    path = urlsplit(str(steps[-1].get("url", ""))).path or "/"
    manifest = {
        "name": out.name,
        "description": f"From the stopped run {run_dir.name}: {run.get('message', '')}",
        "extends": os.path.relpath(base.resolve(), out.resolve()),
        "routes": {f"GET {path}": {"page": PAGE, **({"auth": True} if signed_in else {})}},
    }
    try:
        (out / "pages").mkdir(parents=True, exist_ok=True)
        (out / "pages" / PAGE).write_text(page, encoding="utf-8")
        (out / "recording.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the variant in {out}: {exc.strerror or exc}") from exc
    return out


def _stopped_run(run_dir: Path) -> tuple[dict[str, Any], str]:
    """The run's record and its stopped page; a folder without them is bad usage."""
    try:
        run = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
        page = (run_dir / "page.html").read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"{run_dir} is not the folder of a run that stopped on a page (it needs run.json and "
            "page.html)"
        ) from exc
    steps = run.get("steps") or []
    if not steps or steps[-1].get("name") != "stopped":
        status = run.get("status")
        raise ConfigError(f"the run in {run_dir} did not stop on a page ({status}): nothing to keep")
    return run, page
