"""The main flows on two independently written renderings of coursera.org, each also scrambled.

`fixtures/coursera` is our own reconstruction; `fixtures/independent` was written by someone
who saw only ../shared/coursera-site.md (a modal sign-in, My Purchases tabs as `role=tab`
links, a GraphQL-style API, other markup, ids and wordings). The replay's `--scramble SEED`
rewrites every page of either while keeping roles, accessible names and the documented hooks.
A flow that passes on one rendering only is not done.

Every claim about what was sent is read from the replay server's log: 0 destructive requests
without a typed `yes`, exactly 1 with one. In the suite each flow walks once, on the
independent rendering scrambled, as it is, or ours scrambled, in turn (the seed 1 or 2 turned
so that each seed meets both renderings): 7 runs. AUTOMATOR_ALL_SEEDS=1 (or the nightly
profile, tests/support/profile.py) runs every flow on both renderings as they are and under
eight seeds: 126 runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypedDict

import pytest

from automator.status import Status
from tests.support.flow import FlowRun
from tests.support.profile import all_seeds
from tests.support.replay import Replay

NIGHTLY = all_seeds()
SEEDS = [None, *range(1, 9)]  # the nightly profile's: plain, and eight scrambles
RecordingKey = Literal["base", "billed", "two", "trial", "my_purchases"]


class Rendering(TypedDict):
    base: str
    billed: str
    two: str
    trial: str
    my_purchases: str
    second_plan: dict[str, str]  # the second subscription's state once it is cancelled


RENDERINGS: dict[str, Rendering] = {
    "ours": {
        "base": "coursera",
        "billed": "variants/billed-google-play",
        "two": "variants/two-subscriptions",
        "trial": "variants/trial",
        "my_purchases": "variants/my-purchases-route",
        "second_plan": {"gda": "cancelled"},
    },
    "independent": {
        "base": "independent",
        "billed": "independent-variants/billed-google-play",
        "two": "independent-variants/two-subscriptions",
        "trial": "independent-variants/trial",
        "my_purchases": "independent-variants/my-purchases-route",
        "second_plan": {"certificate_subscription": "cancelled"},
    },
}


@dataclass(frozen=True)
class Flow:
    recording: RecordingKey  # a key of RENDERINGS[...]
    status: Status
    destructive: int
    dry_run: bool = False
    approval: str | None = None
    subscription: str | None = None
    signs_in: bool = False  # walks the sign-in (page or dialog); else starts from a saved session
    facts: dict[str, object] = field(default_factory=dict)  # expected in run.json's subscription


FLOWS = {
    "dry_run": Flow("base", Status.DRY_RUN_COMPLETE, 0, dry_run=True, signs_in=True),
    "decline": Flow("base", Status.DECLINED, 0, approval="no"),
    "approve": Flow("base", Status.CANCELLED, 1, approval="yes"),  # the dry run walks the sign-in
    "billed_elsewhere": Flow("billed", Status.BILLED_ELSEWHERE, 0, approval="yes"),
    "two_subscriptions": Flow(
        "two",
        Status.CANCELLED,
        1,
        approval="yes",
        subscription="data analytics",
        facts={"plan": "Google Data Analytics Professional Certificate"},
    ),
    "trial": Flow("trial", Status.CANCELLED, 1, approval="yes", facts={"trial": True}),
    "my_purchases": Flow(
        "my_purchases", Status.CANCELLED, 1, approval="yes", facts={"route": "my_purchases"}
    ),
}


def _suite_way(turn: int) -> tuple[str, int | None]:
    """The rendering and seed the suite walks the `turn`-th flow on: the independent one
    scrambled, the independent one as it is, ours scrambled, in turn, the seed (1 or 2) turned
    every three flows so that each seed meets both renderings. (Our own rendering as it is has
    these flows in test_e2e_*.py already, through the CLI.)"""
    seed = 1 + (turn // 3) % 2
    return [("independent", seed), ("independent", None), ("ours", seed)][turn % 3]


CASES = (
    [(flow, rendering, seed) for rendering in RENDERINGS for flow in FLOWS for seed in SEEDS]
    if NIGHTLY
    else [(flow, *_suite_way(turn)) for turn, flow in enumerate(FLOWS)]
)


@pytest.mark.parametrize(
    ("flow", "rendering", "seed"),
    CASES,
    ids=[f"{f}-{r}-{'plain' if s is None else f'seed{s}'}" for f, r, s in CASES],
)
def test_a_main_flow_on_every_rendering(
    replay: Callable[..., Replay],
    run_flow: Callable[..., FlowRun],
    tmp_path: Path,
    flow: str,
    rendering: str,
    seed: int | None,
) -> None:
    case = FLOWS[flow]
    recording = RENDERINGS[rendering]
    server = replay(recording[case.recording], scramble=seed)
    data_dir = tmp_path / "data"
    if not case.signs_in:
        server.save_signed_in_session(data_dir)
    run = run_flow(
        server,
        dry_run=case.dry_run,
        approval=case.approval,
        subscription=case.subscription,
        timeout_s=15,
        data_dir=data_dir,
    )
    data = run.run_json
    assert data["status"] == case.status.value, data["message"]
    destructive = server.destructive()
    assert len(destructive) == case.destructive, destructive
    if case.destructive:
        # The one cancel request came after the typed approval, never before.
        assert run.person.asked_before("approval", destructive[0])
    if flow == "two_subscriptions":
        for key, value in recording["second_plan"].items():
            assert server.state.values[key] == value
        assert server.state.values["subscription"] == "active"  # the other one is untouched
    for key, fact in case.facts.items():
        assert data["subscription"].get(key) == fact, key
    if case.signs_in:
        assert "sign_in" in run.person.steps
    names = [step["name"] for step in data["steps"]]
    assert "stopped" not in names
