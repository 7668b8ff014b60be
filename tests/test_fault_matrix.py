"""Every fault at every step of the flow, and the modes: dry run, declined, approved.

Each case is one run of the flow (`run_cancel` in the test process, a fresh browser context)
against the replay with one fault injected at one step. Whatever the fault, the run must end
with a documented status and exit code and a message that says what became of the account;
when it stopped, a screenshot and the page's HTML are in the run folder; and by the replay
server's own log, the request that cancels is sent at most once, and only when the person
typed their approval in that run. A status that says "cancelled" must match the server's state.

Which cases run in the suite (34 runs; `AUTOMATOR_FULL_MATRIX=1` or the nightly profile runs
all 252 cells, each on its own; see tests/support/profile.py):
- A fault that stops the run (500, reset, slow, hang, detour) at a request a screen sends
  before the person decides (the sign-in, the survey): each fault once, at one of the two
  requests in turn, in one mode, turned so that every mode is met. The mode is only consulted
  at the final dialog, which these runs never reach.
- The same faults at a page load before the decision (slow left out: on a page load it
  looks like hang until the run has stopped): one fault at each page load, dealt out in
  turn, so that every page load meets a fault and every fault two page loads.
- At the cancel request (only an approved run sends it) and at the page after the decision:
  every fault approved, and two of them in a run that is not approved (dry run, declined:
  they leave the final dialog the same way). Every run that is not approved also arms its
  fault on the cancel request, which must never fire.
- The faults a run survives (pop-up, session expiry): at many steps in one run, the steps
  dealt out to the three modes, and on their own where they end the run (expiry just after
  signing in, or after the click).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from automator.messages import NOT_CANCELLED, unsure
from automator.sites.coursera import COURSERA
from automator.status import Status
from tests.support.flow import FlowRun
from tests.support.profile import full_matrix
from tests.support.replay import Replay

MAYBE_CANCELLED = unsure(["Yes, Cancel"], COURSERA)  # once the bundled recording's final button was sent

SUBSCRIPTIONS = "/account-settings/subscriptions"
CANCEL = "POST /api/subscriptions/v1/cancel"

# The requests of the bundled flow, in order: each screen's page load, and what screens send.
STEPS = {
    "signed_out_home": "GET /",
    "sign_in_page": "GET /login",
    "sign_in_submit": "POST /api/login/v3",
    "signed_in_home": "GET /@2",  # the second load of / is the signed-in one
    "account_settings": "GET /account-settings",
    "subscriptions": f"GET {SUBSCRIPTIONS}",
    "cancel_survey": f"GET {SUBSCRIPTIONS}/cancel/survey",
    "survey_submit": "POST /api/cancellation-survey",
    "retention_offer": f"GET {SUBSCRIPTIONS}/cancel/offer",
    "final_dialog": f"GET {SUBSCRIPTIONS}/cancel/confirm",
    "yes_cancel": CANCEL,  # only an approved run sends it
    "after_decision": f"GET {SUBSCRIPTIONS}@2",  # the page after backing out, or after Yes, Cancel
}
AFTER_DECISION = ("yes_cancel", "after_decision")
# reset: every matching request (Chromium retries a GET once on a reset connection).
FAULTS = {"500": "", "reset": "*0", "slow": "", "hang": "", "expire": "", "detour": "", "popup": ""}
STOPPING = ("500", "reset", "slow", "hang", "detour")  # the run cannot go on past these
MODES = {"dry_run": (True, None), "declined": (False, "no"), "approved": (False, "yes")}
NORMAL_END = {"dry_run": Status.DRY_RUN_COMPLETE, "declined": Status.DECLINED, "approved": Status.CANCELLED}
TIMEOUT_S = 2.5  # the tool's --timeout where a fault makes it wait that long
SURVIVED_TIMEOUT_S = 10  # where nothing should time out: room for a loaded machine
# After Yes, Cancel, a fault that makes the run wait the budget once, then pages it must load
# to read Subscriptions again. Twice the tight budget held under two suites at once, but failed
# (reading Subscriptions again) at a load of 15-20 on two cores: 8 s leaves room for that.
RECOVERY_TIMEOUT_S = 8
FULL = full_matrix()
# The Subscriptions page read again after Yes, Cancel still shows the subscription active.
NOT_TAKEN = "page still shows Coursera Plus Monthly as active"


def _rule(fault: str, step: str) -> str:
    return f"{fault}:{STEPS[step]}{FAULTS[fault]}"


def _page_load_fault(step: str) -> str:
    """The stopping fault the suite runs at a page load before the decision, dealt out in turn
    (`signed_in_home`, whose detour has words of its own, gets detour)."""
    loads = [s for s in STEPS if STEPS[s].startswith("GET") and s not in AFTER_DECISION]
    kinds = [fault for fault in STOPPING if fault != "slow"]
    return kinds[(loads.index(step) + 1) % len(kinds)]


# The faults the suite also runs at the page after the decision in a run that is not approved:
# dry run and declined leave the final dialog the same way, so one of each shows it.
NOT_APPROVED_AFTER_DECISION = {"500": ["dry_run"], "hang": ["declined"]}
# The two requests a screen sends before the decision; the suite deals the faults out to them.
REQUESTS_BEFORE = ("sign_in_submit", "survey_submit")


def _request_for(fault: str) -> str:
    """The request before the decision where the suite runs a stopping fault, in turn (the
    sign-in's detour has words of its own)."""
    return REQUESTS_BEFORE[STOPPING.index(fault) % len(REQUESTS_BEFORE)]


def _cases() -> list[tuple[str, str, str]]:
    """(steps, fault, mode): `steps` names one step, or several joined by '+' for the faults
    a run survives (expire, popup), which one run can meet at many steps."""
    modes = list(MODES)
    cases = []
    for i, step in enumerate(STEPS):
        for j, fault in enumerate(FAULTS):
            turned = modes[(i + j) % 3]
            if FULL:
                chosen = modes
            elif step == "yes_cancel":
                chosen = ["approved"]  # no other run sends it; theirs arm it (see below)
            elif step == "after_decision":
                chosen = ["approved", *NOT_APPROVED_AFTER_DECISION.get(fault, [])]
            elif STEPS[step].startswith("GET") and fault != _page_load_fault(step):
                # A page load answered after the time budget looks to the browser exactly like
                # one never answered (hang) until the run has stopped, and each page load
                # fails through the same path: one fault per load, every fault at two loads.
                continue
            elif step in REQUESTS_BEFORE and fault in STOPPING and step != _request_for(fault):
                continue  # each fault at one of the two requests, in turn
            else:
                chosen = [turned]
            cases += [(step, fault, mode) for mode in chosen if FULL or fault in STOPPING]
    if not FULL:
        # The faults a run survives, at many steps in one run: the steps dealt out to the three
        # modes in turn, so each step meets the fault once and each mode meets it at several.
        steps = list(STEPS)
        for g, mode in enumerate(modes):
            group = steps[g::3]
            cases.append(("+".join(group), "popup", mode))
            survived = [
                step
                for step in group
                if step != "signed_in_home" and not (mode == "approved" and step in AFTER_DECISION)
            ]
            cases.append(("+".join(survived), "expire", mode))
        cases += [
            ("signed_in_home", "expire", "declined"),
            ("yes_cancel", "expire", "approved"),
            ("after_decision", "expire", "approved"),
        ]
    return cases


CASES = _cases()


def _expected(steps: str, fault: str, mode: str) -> tuple[Status, str]:
    """The status, and the words the message must hold, for a fault at a step in a mode."""
    if "+" in steps:  # a fault the run survives, at many steps: none of them may stop it
        return NORMAL_END[mode], ""
    step = steps
    reached = step != "yes_cancel" or mode == "approved"  # no other run sends the cancel
    pressed = mode == "approved" and step in AFTER_DECISION
    if not reached or fault == "popup":
        return NORMAL_END[mode], ""  # the tool keeps to its own tab
    if fault == "expire" and step == "signed_in_home":  # the session ends just after signing in
        return Status.ERROR, "the sign-in did not hold"
    if pressed:
        # The page after Yes, Cancel did not confirm it: the tool reads the Subscriptions page
        # again (signing in again if the session ended) and reports what that page shows.
        if step == "yes_cancel":  # the request met the fault: the site still shows it active
            return Status.ERROR, NOT_TAKEN
        if fault == "reset":  # every later load of the page fails too: the tool cannot tell
            return Status.ERROR, MAYBE_CANCELLED
        return Status.CANCELLED, "Subscriptions page shows"
    if fault == "expire":
        return NORMAL_END[mode], ""  # signs in again and goes on
    if fault == "detour" and step == "signed_in_home":
        return Status.UNRECOGNIZED_SCREEN, "neither signed in nor said why"
    if fault == "detour" and step != "sign_in_submit":
        return Status.UNRECOGNIZED_SCREEN, "is not a screen the flow knows"
    words = {
        "500": "HTTP 500",
        "reset": "connection to the site failed",
        "slow": "did not answer",
        "hang": "did not answer",
        # The sign-in call answered with a page, not the site's answer: not signed in after all.
        "detour": "the sign-in did not hold",
    }
    return Status.ERROR, words[fault]


def _case_id(case: tuple[str, str, str]) -> str:
    steps, fault, mode = case
    return "-".join(("every-step" if "+" in steps else steps, fault, mode))


@pytest.mark.parametrize(("steps", "fault", "mode"), CASES, ids=[_case_id(case) for case in CASES])
def test_a_fault_at_a_step(
    replay: Callable[..., Replay],
    run_flow: Callable[..., FlowRun],
    tmp_path: Path,
    steps: str,
    fault: str,
    mode: str,
) -> None:
    rules = [_rule(fault, step) for step in steps.split("+")]
    if mode != "approved" and "yes_cancel" not in steps:
        rules.append(_rule(fault, "yes_cancel"))  # armed, and never sent: nobody approved
    expected, words = _expected(steps, fault, mode)
    # Where the run must get through after the fault (many steps, or reading Subscriptions again
    # after Yes, Cancel), the pages it then loads get room for a loaded machine; the fault is
    # still past the budget (its delay is four budgets).
    timeout_s: float
    if "+" in steps:
        timeout_s = SURVIVED_TIMEOUT_S
    else:
        timeout_s = RECOVERY_TIMEOUT_S if expected is Status.CANCELLED else TIMEOUT_S
    server = replay(faults=rules, fault_delay_s=timeout_s * 4)
    dry_run, answer = MODES[mode]
    data_dir = None
    if fault in STOPPING and list(STEPS).index(steps) >= list(STEPS).index("account_settings"):
        # Past the sign-in, start from a saved session, as a repeat run does: the fault is
        # met sooner (the sign-in steps have cells of their own).
        data_dir = tmp_path / "data"
        server.save_signed_in_session(data_dir)
    run = run_flow(
        server,
        dry_run=dry_run,
        approval=answer,
        timeout_s=timeout_s,
        data_dir=data_dir,
    )
    data = run.run_json
    status = Status(data["status"])
    if data_dir is not None:
        assert "sign_in" not in run.person.steps  # the saved session was used

    assert (status, data["exit_code"]) == (expected, expected.exit_code), (data["message"], run.person.infos)
    assert words in data["message"]
    _assert_account_as_chosen(server, run, status, mode)
    if status is not NORMAL_END[mode]:
        _assert_evidence(run, data)
    if "+" in steps:  # the fault did meet the run at every one of its steps
        met = {f"{e['method']} {e['path']}" for e in server.log_lines() if e.get("fault") == fault}
        reached = {s for s in steps.split("+") if s != "yes_cancel" or mode == "approved"}
        assert met == {STEPS[s].split("@")[0] for s in reached}


def _assert_account_as_chosen(server: Replay, run: FlowRun, status: Status, mode: str) -> None:
    """From the replay's log: the cancel request at most once, and only after a typed yes."""
    log = server.log_lines()
    sent = [e for e in log if f"{e['method']} {e['path']}" == CANCEL]
    destructive = [e for e in log if e["destructive"]]
    assert [e for e in log if e.get("changes_account")] == []  # no offer was taken
    assert len(sent) <= 1  # never repeated, whatever happened after
    approvals = [when for question, when in run.person.asked if question == "approval"]
    if mode != "approved":
        assert sent == [] and destructive == []
    for entry in destructive:
        assert run.person.asked_before("approval", entry)
    message = run.result.message
    if status is Status.CANCELLED:
        assert server.state.values["subscription"] == "cancelled" and len(destructive) == 1
    elif not destructive:
        assert server.state.values["subscription"] == "active"
    if sent and status is not Status.CANCELLED:  # (a slow answer may not be in the log yet)
        assert MAYBE_CANCELLED in message or NOT_TAKEN in message
    if not approvals or mode != "approved":
        assert NOT_CANCELLED in message


def _assert_evidence(run: FlowRun, data: dict[str, Any]) -> None:
    stopped = data["steps"][-1]
    assert stopped["name"] == "stopped" and stopped["note"] == data["message"]
    assert stopped["screenshot"] and (run.out_dir / stopped["screenshot"]).is_file()
    assert (run.out_dir / "page.html").is_file()
    assert (run.out_dir / "report.html").is_file()
