"""The ARIA templates a recording keeps of its screens, and the reviewed rebaseline of them.

Each screen whose contract names a region has one file, `contracts/<screen>.aria.yml`, beside
the recording's pages. `automator record` writes them; `automator check` compares the site with
them (a variant's own file first, then its bases', as for pages); `automator check --update DIR`
rewrites the ones that changed, printing a unified diff and a one-line summary per screen for a
person to review and commit. It never accepts a breaking change by itself.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from automator.contracts import ScreenCheck
from automator.errors import ConfigError
from automator.recording import Recording
from automator.report import RunResult

FOLDER = "contracts"
SUFFIX = ".aria.yml"


def template_file(directory: Path, screen: str) -> Path:
    return directory / FOLDER / f"{screen}{SUFFIX}"


def screenshot_file(directory: Path, screen: str) -> Path:
    """The masked screenshot of the screen the template was made from, beside it."""
    return directory / FOLDER / f"{screen}.png"


def recorded_screenshot(recording: Recording, screen: str) -> Path | None:
    return recording.find_file(FOLDER, f"{screen}.png")


def write_screenshots(directory: Path, shots: dict[str, Path]) -> None:
    """Copy each screen's screenshot (a run's masked capture) beside its template."""
    _write(directory, {screenshot_file(directory, name): shot.read_bytes() for name, shot in shots.items()})


def shots_of(result: RunResult, out_dir: Path, screens: Iterable[str]) -> dict[str, Path]:
    """The run's first masked screenshot of each of `screens` (in `out_dir`, its folder)."""
    wanted, shots = set(screens), {}
    for step in result.steps:
        if step.name in wanted and step.name not in shots and step.screenshot:
            shots[step.name] = out_dir / step.screenshot
    return {screen: shot for screen, shot in shots.items() if shot.is_file()}


def recorded_template(recording: Recording, screen: str) -> str | None:
    """The screen's template in the recording (or the first of its bases that has one)."""
    found = recording.find_file(FOLDER, f"{screen}{SUFFIX}")
    return found.read_text(encoding="utf-8") if found else None


def write_templates(directory: Path, templates: dict[str, str]) -> list[Path]:
    """Write each screen's template into `directory`/contracts; the files written."""
    files = {template_file(directory, name): f"{text.strip()}\n".encode() for name, text in templates.items()}
    _write(directory, files)
    return list(files)


def _write(directory: Path, files: dict[Path, bytes]) -> None:
    try:
        (directory / FOLDER).mkdir(parents=True, exist_ok=True)
        for path, data in files.items():
            path.write_bytes(data)
    except OSError as exc:
        problem = exc.strerror or exc
        raise ConfigError(f"cannot write in {directory / FOLDER}: {problem}") from exc


@dataclass(frozen=True)
class Rebaseline:
    """One screen's template, before and after `check --update`."""

    screen: str
    old: str | None
    new: str
    breaking: bool  # what the flow relies on broke there: written only when accepted
    written: bool
    needs: str = ""  # for a breaking change: what the flow itself would still need

    @property
    def diff(self) -> str:
        path = f"{FOLDER}/{self.screen}{SUFFIX}"
        lines = difflib.unified_diff(
            (self.old or "").strip("\n").splitlines(),
            self.new.strip("\n").splitlines(),
            fromfile=f"a/{path}" if self.old is not None else "/dev/null",
            tofile=f"b/{path}",
            lineterm="",
        )
        return "\n".join(lines)

    @property
    def summary(self) -> str:
        changed = self.diff.splitlines()[2:]  # past the two file names
        added = sum(1 for line in changed if line.startswith("+"))
        removed = sum(1 for line in changed if line.startswith("-"))
        what = "new template" if self.old is None else f"{added} line(s) added, {removed} removed"
        if self.breaking and not self.written:
            return f"{self.screen}: breaking, NOT written ({what}); --accept-breaking writes it. {self.needs}"
        kind = "breaking, accepted" if self.breaking else "harmless"
        return f"{self.screen}: {kind}, written ({what})" + (f". {self.needs}" if self.needs else "")


def rebaseline(
    directory: Path, recording: Recording, screens: Iterable[ScreenCheck], accept_breaking: bool
) -> list[Rebaseline]:
    """The screens whose template is not what the site shows now, each written into
    `directory` unless its change is breaking and not accepted."""
    changes: dict[str, Rebaseline] = {}
    for screen in screens:
        if screen.suggested is None or screen.name in changes:
            continue
        old = recorded_template(recording, screen.name)
        if old is not None and old.strip("\n") == screen.suggested.strip("\n"):
            continue
        changes[screen.name] = Rebaseline(
            screen.name,
            old,
            screen.suggested,
            screen.breaking,
            written=accept_breaking or not screen.breaking,
            needs=_needs(screen) if screen.breaking else "",
        )
    write_templates(directory, {c.screen: c.new for c in changes.values() if c.written})
    return list(changes.values())


def _needs(screen: ScreenCheck) -> str:
    """What a breaking change asks of the code, whatever its template says."""
    what = "; ".join(p for p in screen.problems if "ARIA tree" not in p) or "the walk stopped here"
    return f"The flow would still stop at {screen.name} until the site's code knows it: {what}."
