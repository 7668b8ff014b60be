"""When the scheduled check tells people (automator/alerts.py): tables of result sequences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from automator.alerts import BREAKING, CLEAN, COULD_NOT_RUN, Decision, Result, decide, main, result_of

OK, DOWN = Result(CLEAN), Result(COULD_NOT_RUN)


def drift(digest: str = "a") -> Result:
    return Result(BREAKING, digest)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([], Decision()),
        ([OK], Decision(drift="close", broken="close")),
        # Drift once: nothing yet (one bad result alone says nothing).
        ([OK, drift()], Decision(broken="close")),
        # Drift twice in a row: the drift issue opens.
        ([OK, drift(), drift()], Decision(drift="open", broken="close")),
        # Still drifting, the same report: quiet; a changed report: a comment.
        ([drift(), drift(), drift()], Decision(broken="close")),
        ([drift("a"), drift("a"), drift("b")], Decision(drift="comment", broken="close")),
        # Drift, then clean: the issue closes.
        ([drift(), drift(), OK], Decision(drift="close", broken="close")),
        # Drift once, clean, drift once: never two in a row, never opened.
        ([drift(), OK, drift()], Decision(broken="close")),
        # Could not run never touches drift; three in a row open the broken-check issue.
        ([drift(), drift(), DOWN], Decision()),
        ([DOWN, DOWN], Decision()),
        ([OK, DOWN, DOWN, DOWN], Decision(broken="open")),
        ([DOWN, DOWN, DOWN, DOWN], Decision(broken="open")),
        # ...closed by the next run that ran at all, whatever it found.
        ([DOWN, DOWN, DOWN, drift()], Decision(broken="close")),
        ([DOWN, DOWN, DOWN, OK], Decision(drift="close", broken="close")),
        # Could not run between two drifts: they are not in a row.
        ([drift(), DOWN, drift()], Decision(broken="close")),
    ],
    ids=lambda value: "-".join(r.kind for r in value) if isinstance(value, list) else None,
)
def test_the_decision_from_the_results_so_far(history: list[Result], expected: Decision) -> None:
    assert decide(history) == expected


def test_a_result_is_read_from_the_exit_code_and_the_breaking_screens_of_the_report() -> None:
    report = {
        "screens": [
            {"name": "confirm_cancel", "status": "changed", "breaking": True, "problems": ["a button"]},
            {"name": "subscriptions", "status": "changed", "breaking": False, "problems": ["tree"]},
        ]
    }
    assert result_of(0).kind == CLEAN and result_of(1).kind == result_of(4).kind == COULD_NOT_RUN
    first = result_of(6, report)
    assert first.kind == BREAKING and first.digest
    harmless_changed = json.loads(json.dumps(report))
    harmless_changed["screens"][1]["problems"] = ["another tree"]
    assert result_of(6, harmless_changed).digest == first.digest  # a harmless change: same report
    report["screens"][0]["problems"] = ["two buttons"]
    assert result_of(6, report).digest != first.digest


def test_the_workflow_step_keeps_the_history_and_prints_the_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history, report = tmp_path / "state" / "history.jsonl", tmp_path / "report.json"
    report.write_text(json.dumps({"screens": [{"name": "x", "status": "new", "breaking": True}]}))
    outputs = []
    for code in (6, 6, 0):
        assert main([str(history), str(code), str(report)]) == 0
        outputs.append(capsys.readouterr().out.splitlines()[:2])
    drifts = [line[0] for line in outputs]
    assert drifts == ["drift=", "drift=open", "drift=close"]
    assert {line[1] for line in outputs} == {"broken=close"}
    assert len(history.read_text().splitlines()) == 3
    assert main(["only-one-argument"]) == 2
