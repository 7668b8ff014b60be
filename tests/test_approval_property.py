"""The approval invariant as a property (hypothesis), over random runs of the real flow.

Each example draws a recording (either base recording or any of their variants: each is a
different sequence of known screens, drift and hostile ones included), up to two faults at any of its routes,
dry run or not, and what the person types at each question (the approval word, its look-alikes,
other words, an empty line, end of input). Whatever is drawn, by the replay server's own log:
the request that cancels is sent at most once, and only after the person typed the approval
word in that run; an offer is taken only after they typed its word; and a run that says
"cancelled" left the subscription cancelled on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automator.approval import APPROVAL_WORD, OFFER_WORD
from automator.recording import load_recording
from automator.replay import FAULT_KINDS, Fault, ReplayServer, ReplayState
from automator.status import Status
from tests.support import FIXTURES
from tests.support.flow import FlowRun
from tests.support.profile import property_examples

RECORDINGS = [
    FIXTURES / "coursera",
    FIXTURES / "independent",
    *sorted((FIXTURES / "variants").iterdir()),
    *sorted((FIXTURES / "independent-variants").iterdir()),
]
ROUTES = {path: sorted(load_recording(path).routes) for path in RECORDINGS}
ANSWERS = st.one_of(
    st.none(),  # end of input
    st.sampled_from([APPROVAL_WORD, "YES", " yes ", "no", "", "y", "yes please", OFFER_WORD, "cancel"]),
    st.text(max_size=6),
)
TIMEOUT_S = 2
PARTS = 4  # the examples in four tests, over four shares of the recordings: xdist spreads them
# Two examples a part in the suite; the nightly profile draws more (tests/support/profile.py).
EXAMPLES = property_examples(suite=2)


def _typed(answer: str | None, word: str) -> bool:
    """The oracle, from the README's words rather than the code under test: the person typed
    the word (any case, spaces around it allowed); anything else, or no answer, declines."""
    return answer is not None and answer.strip().casefold() == word


@st.composite
def runs(draw: st.DrawFn, part: int) -> dict[str, Any]:
    recording = draw(st.sampled_from(RECORDINGS[part::PARTS]))
    rule = st.builds(
        lambda kind, route, start: f"{kind}:{route}@{start}",
        st.sampled_from(sorted(FAULT_KINDS)),
        st.sampled_from(ROUTES[recording]),
        st.integers(min_value=1, max_value=2),
    )
    return {
        "recording": recording,
        "faults": draw(st.lists(rule, max_size=2)),
        "dry_run": draw(st.booleans()),
        "approval": draw(ANSWERS),
        "offer": draw(ANSWERS),
    }


@pytest.mark.parametrize("part", range(PARTS))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every machine: CI stays reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_cancel_request_is_sent_at_most_once_and_only_after_a_typed_yes(
    run_flow: Callable[..., FlowRun], tmp_path_factory: pytest.TempPathFactory, part: int, data: st.DataObject
) -> None:
    case = data.draw(runs(part))
    folder = tmp_path_factory.mktemp("property")
    faults = [Fault.parse(rule) for rule in case["faults"]]
    state = ReplayState(load_recording(case["recording"]), folder / "log.jsonl", faults, TIMEOUT_S * 4)
    server = ReplayServer(state)
    server.start()
    try:
        run = run_flow(
            server,
            dry_run=case["dry_run"],
            approval=case["approval"],
            offer=case["offer"],
            timeout_s=TIMEOUT_S,
        )
    finally:
        server.stop()
    log = list(server.state.log)
    destructive = [e for e in log if e["destructive"]]
    offers_taken = [e for e in log if e.get("changes_account")]

    assert len(destructive) <= 1
    if destructive:
        assert not case["dry_run"] and _typed(case["approval"], "yes")
        assert run.person.asked_before("approval", destructive[0])
    if offers_taken:
        assert not case["dry_run"] and _typed(case["offer"], "accept")
        assert run.person.asked_before("offer", offers_taken[0])
    if run.result.status is Status.CANCELLED:
        assert destructive and server.state.values.get("subscription") == "cancelled"
    assert (run.out_dir / "run.json").is_file()
