"""Screens recognised by what they mean, and the run's honesty about them.

Each case runs the flow in the test process (a fresh context of the worker's browser) against
a variant, and reads what was sent from the replay server's log. Time limits here bound the
fault, not the machine: the step budget is 30 s, and a stop that comes from knowing (a page
settled, a blocked request, a covered button) must come long before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from automator.status import Status
from tests.support.flow import FlowRun
from tests.support.replay import Replay

StartReplay = Callable[..., Replay]
RunFlow = Callable[..., FlowRun]

BUDGET_S = 30  # the step's time budget in these runs: waiting it out would be the bug
PROMPT_LINE = re.compile(r"Yes, Cancel|Cancel subscription")


def _run(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path, variant: str, **options: Any
) -> tuple[Replay, FlowRun, dict[str, Any]]:
    server = replay(variant)
    data_dir = tmp_path / "data"
    server.save_signed_in_session(data_dir)
    run = run_flow(server, timeout_s=BUDGET_S, data_dir=data_dir, **options)
    return server, run, run.run_json


def _stopped_within(data: dict[str, Any]) -> float:
    """Seconds from the last screen to where the run stopped: how long the stop took to see."""
    assert data["steps"][-1]["name"] == "stopped", data["steps"]
    return float(data["steps"][-1]["seconds"])


# -- the final dialog ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("variant", "words"),
    [
        ("variants/drift-confirm-extra-button", "actions the flow does not know ('Get 50% off')"),
        ("variants/final-typed-cancel", "a field to fill in (textbox 'Type CANCEL to confirm')"),
    ],
)
def test_a_changed_final_dialog_is_never_pressed_and_nobody_is_asked(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path, variant: str, words: str
) -> None:
    server, run, data = _run(replay, run_flow, tmp_path, variant, approval="yes")
    assert data["status"] == Status.UNRECOGNIZED_SCREEN.value
    assert words in data["message"] and "step: confirm_cancel" in data["message"]
    assert run.person.summaries == []  # stopped before the approval was asked
    assert server.destructive() == []
    assert "pressed" not in data["message"].replace("is not pressed", "")


def test_the_prompt_quotes_the_buttons_own_words_and_the_dialogs_terms(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path
) -> None:
    server, run, data = _run(replay, run_flow, tmp_path, "variants/trial", approval="no")
    assert data["status"] == Status.DECLINED.value
    (summary,) = run.person.summaries
    assert summary.button == "Cancel subscription"  # the trial's own final button
    assert summary.terms == "If you cancel now, you can keep learning until then and you won't be charged."
    # A trial: no charge, access until then; the site's words, and the date as YYYY-MM-DD.
    assert summary.trial_ends == "December 8, 2026 (2026-12-08)"
    assert data["subscription"]["trial"] is True and data["subscription"]["trial_ends"] == "December 8, 2026"
    assert server.destructive() == []


def _add_button(page: Page) -> None:
    page.evaluate(
        """() => { const b = document.createElement("button"); b.textContent = "Get 50% off instead";
                  document.querySelector("[role=dialog] .modal-actions").append(b); }"""
    )


def _cover_the_page(page: Page) -> None:
    page.evaluate(
        """() => { const s = document.createElement("div");
                  s.style.cssText = "position:fixed;inset:0;z-index:99999;background:transparent";
                  document.body.append(s); }"""
    )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_add_button, "the final dialog changed while you were deciding, so 'Yes, Cancel' was not pressed"),
        (_cover_the_page, "'Yes, Cancel' on 'Final confirmation' is covered by something else on the page"),
    ],
    ids=["dialog-gains-a-button", "button-covered"],
)
def test_a_yes_is_not_a_click_that_never_happened(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path, change: Callable[[Page], None], words: str
) -> None:
    """The person types yes while the page changes under the prompt: nothing is pressed, and
    the run says so instead of 'pressed, could not be confirmed'."""
    server, _, data = _run(replay, run_flow, tmp_path, "coursera", approval="yes", while_deciding=change)
    assert data["status"] == Status.UNRECOGNIZED_SCREEN.value, data["message"]
    assert words in data["message"]
    assert "Nothing was cancelled" in data["message"] and "may still be active" not in data["message"]
    assert server.destructive() == []
    assert _stopped_within(data) < BUDGET_S / 3


# -- what the guard holds back, and what it lets through --------------------------------------
def test_a_survey_posted_to_a_cancellation_path_is_let_through(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path
) -> None:
    server, _, data = _run(replay, run_flow, tmp_path, "variants/survey-cancellation-path", approval="yes")
    assert data["status"] == Status.CANCELLED.value, data["message"]
    assert [e["status"] for e in server.requests_to("POST", "/api/subscriptions/cancellation-survey")] == [
        200
    ]
    assert len(server.destructive()) == 1 and "blocked" not in data


def test_a_survey_that_secretly_sends_the_cancel_mutation_is_stopped_at_once(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path
) -> None:
    server, run, data = _run(
        replay, run_flow, tmp_path, "independent-variants/survey-sends-cancel", approval="yes"
    )
    assert data["status"] == Status.UNRECOGNIZED_SCREEN.value
    message = data["message"]
    assert (
        "(mutation CancelSubscription)" in message
        and "after clicking 'Continue' on 'Reason survey'" in message
    )
    assert "nothing was sent" in message and "connection" not in message.lower()
    assert server.destructive() == []
    assert not [e for e in server.log_lines() if e.get("operation") == "CancelSubscription"]
    assert data["blocked"]["stopped_within_s"] < 2  # from holding it back to stopping the walk
    assert _stopped_within(data) < BUDGET_S / 3
    assert run.person.summaries == []


# -- what stands in the way ---------------------------------------------------------------------
def test_a_cookie_banner_is_answered_with_the_least_and_the_run_goes_on(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path
) -> None:
    server = replay("variants/cookie-banner")
    run = run_flow(server, dry_run=True, timeout_s=BUDGET_S)  # from the first page, signing in
    data = run.run_json
    assert data["status"] == Status.DRY_RUN_COMPLETE.value, data["message"]
    assert "Answered the cookie banner with 'Reject All'." in run.person.infos
    assert len(server.requests_to("POST", "/api/consent")) == 1  # answered once, then remembered
    assert server.destructive() == []


@pytest.mark.parametrize(
    ("variant", "words", "signed_in"),
    [
        ("variants/cookie-wall", "'Log In' on 'Home page, signed out' is covered by a cookie banner", False),
        ("variants/survey-disabled", "the button 'Continue' on 'Reason survey' is disabled", True),
    ],
)
def test_a_covered_or_disabled_control_is_named_at_once(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path, variant: str, words: str, signed_in: bool
) -> None:
    server = replay(variant)
    data_dir = tmp_path / "data"
    if signed_in:
        server.save_signed_in_session(data_dir)
    data = run_flow(server, approval="yes", timeout_s=BUDGET_S, data_dir=data_dir).run_json
    assert data["status"] == Status.UNRECOGNIZED_SCREEN.value
    assert words in data["message"] and "Timeout" not in data["message"]
    assert _stopped_within(data) < BUDGET_S / 3
    assert server.destructive() == []


def test_google_one_tap_over_the_log_in_link_is_closed_never_used(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path
) -> None:
    server = replay("variants/one-tap")
    run = run_flow(server, dry_run=True, timeout_s=BUDGET_S)
    assert run.run_json["status"] == Status.DRY_RUN_COMPLETE.value, run.run_json["message"]
    assert "Closed Google's sign-in pop-up." in run.person.infos
    assert "sign_in" in run.person.steps  # signed in with the form, not with Google


# -- pages that take their time, and pages that never become a screen ---------------------------
def test_a_step_rendered_late_by_the_page_is_still_recognised(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path
) -> None:
    _server, _, data = _run(replay, run_flow, tmp_path, "variants/slow-render", dry_run=True)
    assert data["status"] == Status.DRY_RUN_COMPLETE.value, data["message"]
    offer = next(step for step in data["steps"] if step["name"] == "retention_offer")
    assert offer["seconds"] >= 1.5  # it really came late, and was waited for
    assert [s["name"] for s in data["steps"]].count("subscriptions") == 2  # not acted on twice


def test_an_unknown_page_stops_once_it_has_settled_not_after_the_budget(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path
) -> None:
    server = replay(faults=["detour:GET /account-settings/subscriptions/cancel/survey"])
    data_dir = tmp_path / "data"
    server.save_signed_in_session(data_dir)
    data = run_flow(server, dry_run=True, timeout_s=BUDGET_S, data_dir=data_dir).run_json
    assert data["status"] == Status.UNRECOGNIZED_SCREEN.value
    assert "is not a screen the flow knows" in data["message"]
    assert _stopped_within(data) < BUDGET_S / 3


def test_end_of_period_choice_in_other_words_keeps_paid_access(
    replay: StartReplay, run_flow: RunFlow, tmp_path: Path
) -> None:
    _server, _, data = _run(replay, run_flow, tmp_path, "variants/end-date-worded", dry_run=True)
    assert data["status"] == Status.DRY_RUN_COMPLETE.value, data["message"]
    assert data["subscription"]["end_date_choice"] == "At the end of your billing period (December 14, 2026)"
