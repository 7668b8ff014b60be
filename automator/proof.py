"""A proof bundle: one verified cancellation as a zip a person can hand on (to a bank, in a card
dispute): the receipt and its pictures, the run's report (with the screenshot of each step it
shows) and record, a timeline of the moments that matter, and a MANIFEST.sha256 (sha256sum's
format) by which anyone can check that no file in it changed.

The times are UTC, ISO 8601, taken when each moment happened (the receipt keeps them); the
bundle only gathers them. It holds only what the run kept, which is masked and scrubbed: no
password, no session cookie.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from automator.errors import AutomatorError, ConfigError
from automator.history import RECORD

RECEIPT_FILES = (RECORD, "cancelled.png", "cancelled.pdf")
RUN_FILES = ("run.json", "report.html")
TIMELINE = "timeline.json"
MANIFEST = "MANIFEST.sha256"
REQUIRED = (*RECEIPT_FILES, TIMELINE)
_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


def utc_now() -> str:
    """Now, in UTC, ISO 8601 to the millisecond: when a moment of the proof happened."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class NotVerified(AutomatorError):
    """A proof bundle whose files do not match its manifest; the message names each one."""


def timeline(receipt: Mapping[str, Any], run: Mapping[str, Any] | None) -> dict[str, Any]:
    """The moments of the cancellation, from the receipt (the run's record for the start, when the
    receipt is older than the moments it keeps)."""
    url = str(receipt.get("url") or "")
    return {
        "times": "UTC, ISO 8601",
        "plan": receipt.get("plan"),
        "price": receipt.get("price"),
        "run_started_at": receipt.get("started_at") or (run or {}).get("started_at"),
        "approved_at": receipt.get("approved_at"),
        "pressed": receipt.get("pressed"),  # the confirming button, as the site worded it
        "pressed_at": receipt.get("pressed_at"),
        "confirmed_at": receipt.get("confirmed_at"),
        "confirmation": receipt.get("confirmation"),
        "access_until": receipt.get("access_until"),
        "access_until_date": receipt.get("access_until_date"),
        "final_url": urlunsplit(urlsplit(url)._replace(query="", fragment="")) or None,
    }


def manifest(files: Mapping[str, bytes]) -> str:
    """A line per file, as `sha256sum` writes them (and `sha256sum -c` reads them)."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files.items())


def export_bundle(folder: Path, out: Path) -> list[str]:
    """Write the bundle of the receipt in `folder` to `out`; returns the run's files it could not
    include (the run's folder was removed, or holds another run since)."""
    files = {name: _read(folder / name, f"the receipt in {folder} has no {name}") for name in RECEIPT_FILES}
    try:
        receipt = json.loads(files[RECORD])
    except ValueError as exc:
        raise ConfigError(f"{folder / RECORD} is damaged: {exc}") from exc
    run = _run_files(folder, receipt.get("run_folder"))
    files.update(run)
    texts = (".json", ".html")
    files = {name: _without_home(data) if name.endswith(texts) else data for name, data in files.items()}
    run_json = json.loads(run["run.json"]) if "run.json" in run else None
    files[TIMELINE] = (json.dumps(timeline(receipt, run_json), indent=2) + "\n").encode()
    files[MANIFEST] = manifest(files).encode()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, data in files.items():
                bundle.writestr(name, data)
    except OSError as exc:
        raise ConfigError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return [name for name in RUN_FILES if name not in run]


def _without_home(data: bytes) -> bytes:
    """The person's home folder as `~` in the bundle's text: the folders a receipt and its run
    name are theirs (`/home/dana/...`), and a bundle is made to be shown to others."""
    home = str(Path.home()).rstrip("/")
    if len(home) < 2:
        return data
    return data.replace(home.encode(), b"~").replace(quote(home).encode(), b"~")


def _run_files(receipt_folder: Path, run_folder: object) -> dict[str, bytes]:
    """run.json and report.html of the run that kept this receipt, if its folder still holds them."""
    if not run_folder:
        return {}
    found = {name: (Path(str(run_folder)) / name) for name in RUN_FILES}
    found = {name: path for name, path in found.items() if path.is_file()}
    try:
        run = json.loads(found["run.json"].read_text(encoding="utf-8")) if "run.json" in found else {}
    except (OSError, ValueError):
        return {}
    kept = Path(str(run.get("receipt") or "")).parent
    if not kept.exists() or not kept.samefile(receipt_folder):
        return {}  # the folder holds another run now: its report is not this cancellation's
    files = {name: path.read_bytes() for name, path in found.items()}
    if "report.html" in files:  # the screenshots it shows, under the names it shows them by
        files.update(_step_screenshots(Path(str(run_folder)), run))
    return files


def _step_screenshots(run_folder: Path, run: Mapping[str, Any]) -> dict[str, bytes]:
    """Each step's screenshot (masked when it was taken) that the run's folder still holds, by
    its name there: a plain file name, never a path out of the folder."""
    shots: dict[str, bytes] = {}
    for step in run.get("steps") or []:
        name = step.get("screenshot") if isinstance(step, Mapping) else None
        if isinstance(name, str) and name == Path(name).name and name.endswith(".png"):
            path = run_folder / name
            if path.is_file():
                shots[name] = path.read_bytes()
    return shots


def verify_bundle(path: Path) -> int:
    """Check every file of the bundle against its MANIFEST.sha256; returns how many it lists.
    NotVerified names each file that differs, is missing, or is not listed."""
    members = _members(path)
    text = members.pop(MANIFEST, None)
    if text is None:
        raise NotVerified(f"{path} has no {MANIFEST}: it is not a proof bundle, or it was changed")
    listed: dict[str, str] = {}
    problems = []
    for line in text.decode("utf-8", "replace").splitlines():
        found = _LINE.match(line)
        if found is None:
            problems.append(f"{MANIFEST}: a line that is no SHA-256 line: {line[:60]!r}")
        else:
            listed[found.group(2)] = found.group(1)
    for name, digest in listed.items():
        if name not in members:
            problems.append(f"{name}: listed in {MANIFEST}, missing from the bundle")
        elif hashlib.sha256(members[name]).hexdigest() != digest:
            problems.append(f"{name}: differs from its SHA-256 in {MANIFEST}")
    problems += [f"{name}: in the bundle, not in {MANIFEST}" for name in members if name not in listed]
    problems += [f"{name}: missing (every proof bundle has it)" for name in REQUIRED if name not in listed]
    if problems:
        raise NotVerified(f"{path} does not match its manifest: " + "; ".join(problems))
    return len(listed)


def _members(path: Path) -> dict[str, bytes]:
    if not path.is_file():
        raise ConfigError(f"no file {path}")
    try:
        with zipfile.ZipFile(path) as bundle:
            return {info.filename: bundle.read(info) for info in bundle.infolist() if not info.is_dir()}
    except zipfile.BadZipFile as exc:  # not a zip, or a member whose bytes do not match its CRC
        raise NotVerified(f"{path} is not a readable zip file ({exc})") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _read(path: Path, missing: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(missing) from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
