"""The suite's slice of each matrix still meets every value of it (tests/support/profile.py):
trimming a slice for time must never leave a step, a fault, a mode, a rendering, a seed, a
language or a flow to the nightly profile alone."""

from __future__ import annotations

import pytest

from tests import test_check, test_fault_matrix, test_languages, test_renderings
from tests.support import profile


def test_the_fault_matrix_meets_every_step_fault_and_mode() -> None:
    cases = test_fault_matrix.CASES
    met_steps = {step for steps, _fault, _mode in cases for step in steps.split("+")}
    assert met_steps == set(test_fault_matrix.STEPS)
    assert {fault for _steps, fault, _mode in cases} == set(test_fault_matrix.FAULTS)
    assert {mode for _steps, _fault, mode in cases} == set(test_fault_matrix.MODES)
    # Where the account can change, every fault that stops a run meets an approved run.
    for step in test_fault_matrix.AFTER_DECISION:
        approved = {fault for steps, fault, mode in cases if steps == step and mode == "approved"}
        assert set(test_fault_matrix.STOPPING) <= approved, step
    # Every page load and request before the decision meets a fault that stops the run.
    for step, request in test_fault_matrix.STEPS.items():
        if step not in test_fault_matrix.AFTER_DECISION:
            stopping = [f for s, f, _m in cases if s == step and f in test_fault_matrix.STOPPING]
            assert stopping, f"no stopping fault at {step} ({request})"


def test_every_flow_walks_both_renderings_and_both_seeds() -> None:
    cases = test_renderings.CASES
    assert {flow for flow, _r, _s in cases} == set(test_renderings.FLOWS)
    for rendering in test_renderings.RENDERINGS:
        assert {1, 2} <= {seed for _f, r, seed in cases if r == rendering}, rendering
    # The one flow that walks the sign-in meets the independent rendering's sign-in dialog.
    assert any(flow == "dry_run" and r == "independent" for flow, r, _s in cases)
    assert any(r == "independent" and seed is None for _f, r, seed in cases)


def test_every_language_and_flow_is_walked() -> None:
    cases = test_languages.CASES
    assert {tag for tag, _f, _s in cases} == set(test_languages.LANGUAGES)
    assert {flow for _t, flow, _s in cases} == set(test_languages.FLOWS)
    assert {1, 2} <= {seed for _t, _f, seed in cases}


def test_the_check_meets_an_independent_scrambled_rendering_and_every_drifted_screen() -> None:
    cases = test_check.EQUIVALENT_CASES
    assert any(recording == "independent" and seed is not None for recording, seed in cases)
    drifted = {screen for _v, screen, _st, _r in test_check.DRIFT_CASES}
    assert drifted == {screen for _v, screen, _st, _r in test_check.DRIFTS}


@pytest.mark.parametrize(
    ("env", "full", "seeds"),
    [
        ({}, False, False),
        ({"AUTOMATOR_NIGHTLY": "1"}, True, True),
        ({"AUTOMATOR_FULL_MATRIX": "1"}, True, False),  # each matrix's own variable widens it alone
        ({"AUTOMATOR_ALL_SEEDS": "1"}, False, True),
        ({"AUTOMATOR_NIGHTLY": "0", "AUTOMATOR_ALL_SEEDS": "0"}, False, False),  # 0 is off
    ],
)
def test_the_nightly_variable_widens_every_matrix(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], full: bool, seeds: bool
) -> None:
    for name in ("NIGHTLY", "FULL_MATRIX", "ALL_SEEDS", "PROPERTY_EXAMPLES"):
        monkeypatch.delenv(f"AUTOMATOR_{name}", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    nightly = env.get("AUTOMATOR_NIGHTLY") == "1"
    assert profile.full_matrix() is full
    assert profile.all_seeds() is seeds
    assert profile.property_examples(suite=2) == (25 if nightly else 2)
    monkeypatch.setenv("AUTOMATOR_PROPERTY_EXAMPLES", "7")
    assert profile.property_examples(suite=2) == 7
