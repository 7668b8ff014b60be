"""When the scheduled flow check tells people: the decision as a function of the results so far.

A schedule that cries wolf gets ignored, so (as changedetection.io and Checkly do) one bad
result alone says nothing:
- a **breaking** result opens the `flow-drift` issue only once two in a row are breaking; the
  issue gets a comment when the report then changes, and is closed by the next clean run;
- a run that **could not run** (site down, sign-in refused, CAPTCHA, an expired session) never
  touches the drift issue; three in a row open `flow-check-broken`, closed by the next run
  that ran at all.

`python -m automator.alerts HISTORY EXIT_CODE [REPORT_JSON]` adds this run to the history file
(JSON lines, kept by the workflow between runs) and prints the decision as GitHub step outputs.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CLEAN, BREAKING, COULD_NOT_RUN = "clean", "breaking", "could_not_run"
DRIFT_AFTER = 2  # breaking results in a row before the drift issue opens
BROKEN_AFTER = 3  # could-not-run results in a row before the broken-check issue opens
KEEP = 30  # results kept in the history


@dataclass(frozen=True)
class Result:
    kind: str  # CLEAN, BREAKING or COULD_NOT_RUN
    digest: str = ""  # what the report said (its breaking screens), to tell a changed report


@dataclass(frozen=True)
class Decision:
    drift: str = ""  # "open" (or comment when open), "comment", "close", or "" (nothing)
    broken: str = ""  # the same, for the flow-check-broken issue


def result_of(exit_code: int, report: Mapping[str, object] | None = None) -> Result:
    """A check's exit code (0 clean, 6 breaking, anything else could not run) and its report."""
    if exit_code == 0:
        return Result(CLEAN)
    if exit_code != 6:
        return Result(COULD_NOT_RUN, str((report or {}).get("message", ""))[:200])
    screens = (report or {}).get("screens")
    breaking = sorted(
        f"{s.get('name')}:{s.get('status')}:{'; '.join(map(str, s.get('problems') or []))}"
        for s in (screens if isinstance(screens, list) else [])
        if isinstance(s, dict) and s.get("breaking")
    )
    return Result(BREAKING, hashlib.sha256("\n".join(breaking).encode()).hexdigest()[:16])


def _run_of(history: list[Result], kind: str) -> int:
    """How many results at the end of `history` are of `kind`."""
    count = 0
    for result in reversed(history):
        if result.kind != kind:
            break
        count += 1
    return count


def decide(history: list[Result]) -> Decision:
    """What to do about the two issues, given every result so far (the newest last)."""
    if not history:
        return Decision()
    last = history[-1]
    if last.kind == CLEAN:
        return Decision(drift="close", broken="close")
    if last.kind == COULD_NOT_RUN:
        streak = _run_of(history, COULD_NOT_RUN)
        return Decision(broken="open" if streak >= BROKEN_AFTER else "")
    streak = _run_of(history, BREAKING)
    if streak < DRIFT_AFTER:
        return Decision(broken="close")
    reached = streak == DRIFT_AFTER
    changed = history[-2].digest != last.digest
    return Decision(drift="open" if reached else "comment" if changed else "", broken="close")


def _load(path: Path) -> list[Result]:
    if not path.is_file():
        return []
    results = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
            results.append(Result(str(data["kind"]), str(data.get("digest", ""))))
        except (ValueError, KeyError, TypeError):
            continue  # a damaged line: the rest still counts
    return results


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or not argv[1].lstrip("-").isdigit():
        print("usage: python -m automator.alerts HISTORY EXIT_CODE [REPORT_JSON]", file=sys.stderr)
        return 2
    path, code = Path(argv[0]), int(argv[1])
    report_path = Path(argv[2]) if len(argv) == 3 else None
    report = json.loads(report_path.read_text()) if report_path and report_path.is_file() else None
    history = [*_load(path), result_of(code, report)][-KEEP:]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r.__dict__) + "\n" for r in history), encoding="utf-8")
    decision = decide(history)
    print(f"drift={decision.drift}\nbroken={decision.broken}\nresult={history[-1].kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
