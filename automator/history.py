"""Receipts of verified cancellations, kept in the user's data folder, newest listed first.

A receipt is written only after the page itself said the subscription is cancelled: a
masked screenshot of that page, a PDF of it (its text selectable, printed from a scrubbed copy)
and a JSON record.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from automator.errors import ConfigError

RECORD = "receipt.json"


def write_receipt(data_dir: Path, record: dict[str, Any], screenshot: Path, pdf: bytes | None) -> Path:
    """A new folder under history/ with receipt.json, cancelled.png and, when it could be
    printed, cancelled.pdf (the page's text, selectable; automator.printing); the record also
    names the run's folder, where `screenshot` (the run's own picture) is."""
    stamp = str(record["cancelled_at"]).replace(":", "").replace("-", "")[:15]
    slug = re.sub(r"[^a-z0-9]+", "-", str(record.get("plan") or "subscription").lower()).strip("-")
    folder = data_dir / "history" / f"{stamp}-{slug}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(screenshot, folder / "cancelled.png")
        if pdf is not None:
            (folder / "cancelled.pdf").write_bytes(pdf)
        full = {**record, "screenshot": "cancelled.png", "pdf": "cancelled.pdf" if pdf is not None else None}
        full["run_folder"] = str(screenshot.parent.absolute())
        (folder / RECORD).write_text(json.dumps(full, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot keep the receipt in {folder}: {exc.strerror or exc}") from exc
    return folder


def list_receipts(data_dir: Path) -> list[dict[str, Any]]:
    """Every kept receipt, newest first, each with the folder it is in."""
    receipts = []
    for path in (data_dir / "history").glob(f"*/{RECORD}"):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a damaged record is skipped, not fatal
        if isinstance(record, dict):
            receipts.append({**record, "id": path.parent.name, "folder": str(path.parent)})
    return sorted(receipts, key=lambda r: str(r.get("cancelled_at", "")), reverse=True)


def find_receipt(data_dir: Path, wanted: str) -> Path:
    """The folder of the receipt whose id (its folder's name, as `history` lists it) is `wanted`,
    or the one id it begins; ConfigError naming the ids when none or several match."""
    folders = sorted(path.parent for path in (data_dir / "history").glob(f"*/{RECORD}"))
    exact = [folder for folder in folders if folder.name == wanted]
    found = exact or [folder for folder in folders if wanted and folder.name.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    known = ", ".join(folder.name for folder in folders) or "none yet"
    how = "matches several receipts" if found else "is no receipt's id"
    raise ConfigError(f"'{wanted}' {how}; the receipts are: {known} (see `automator history`)")
