"""A recording keeps every screen as its own snapshot, and steps through those of one URL: which
page each screen becomes, where the control pressed on it leads, and how the replay serves
them. No browser: the walk's side is in tests/test_record.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from automator.recording import load_recording
from automator.replay import ReplayState, Request, handle
from automator.snapshots import MARK, NEXT, Seen, gaps, lead_on, page_routes

SUBSCRIPTIONS = "/account/subscriptions"


def _walk() -> list[Seen]:
    """A walk whose survey, offer and final dialog open over the subscriptions page, then a
    page load back to it: the shape of a site with client-side dialogs."""
    return [
        Seen("account_settings", "/account", "<a>", True),
        Seen("subscriptions", SUBSCRIPTIONS, "<p>list</p>", True, control="2-1"),
        Seen("cancel_survey", SUBSCRIPTIONS, "<p>survey</p>", True, continued=True, control="3-4"),
        Seen("retention_offer", SUBSCRIPTIONS, "<p>offer</p>", True, continued=True, control="4-0"),
        Seen("confirm_cancel", SUBSCRIPTIONS, "<p>final</p>", True, continued=True, control="5-2"),
        Seen("subscriptions", SUBSCRIPTIONS, "<p>list again</p>", True),  # a page load: kept already
    ]


def _routes(screens: list[Seen]) -> tuple[dict[str, Any], dict[str, str | None]]:
    kept: dict[str, str | None] = {}
    routes = page_routes(screens, lambda path: path, lambda page, _seen, after: kept.update({page: after}))
    return routes, kept


def test_each_dialog_on_one_url_is_a_snapshot_of_its_own_and_the_control_pressed_leads_to_the_next() -> None:
    routes, kept = _routes(_walk())
    assert routes[f"GET {SUBSCRIPTIONS}"] == {
        "page": "02-subscriptions.html",
        "auth": True,
        "cases": [
            {"if": {"query.recorded_step": "1"}, "page": "03-cancel_survey.html"},
            {"if": {"query.recorded_step": "2"}, "page": "04-retention_offer.html"},
            {"if": {"query.recorded_step": "3"}, "page": "05-confirm_cancel.html"},
        ],
    }
    assert kept == {
        "01-account_settings.html": None,  # the next screen came with a page load: its own link
        "02-subscriptions.html": f"{SUBSCRIPTIONS}?recorded_step=1",
        "03-cancel_survey.html": f"{SUBSCRIPTIONS}?recorded_step=2",
        "04-retention_offer.html": f"{SUBSCRIPTIONS}?recorded_step=3",
        "05-confirm_cancel.html": None,
    }
    assert gaps(_walk(), lambda path: path) == []


def test_a_screen_reached_without_a_page_load_or_a_control_is_named() -> None:
    screens = _walk()
    screens[2].control = None  # the walk pressed nothing the recorder could tell on the survey
    [gap] = gaps(screens, lambda path: path)
    assert "'retention_offer' after 'cancel_survey'" in gap and f"{SUBSCRIPTIONS}?recorded_step=2" in gap


def test_a_path_met_signed_out_and_signed_in_keeps_a_page_for_each() -> None:
    screens = [
        Seen("signed_out_home", "/", "<p>out</p>", False, control="1-0"),
        Seen("sign_in", "/", "<form></form>", False, continued=True),  # a sign-in dialog
        Seen("signed_in", "/", "<p>in</p>", True),
    ]
    routes, _ = _routes(screens)
    assert routes["GET /"]["cases"] == [
        {"if": {"query.recorded_step": "1"}, "page": "02-sign_in.html"},
        {"if": {"signed_in": "true"}, "page": "03-signed_in.html"},
    ]


def test_the_pressed_control_leads_on_enabled_and_no_mark_is_kept() -> None:
    html = (
        f'<form><label {MARK}="3-0"><input type="radio" {MARK}="3-1"> Other</label>'
        f'<button disabled aria-disabled="true" {MARK}="3-2">Continue</button></form>'
    )
    page = lead_on(html, "3-2", "/s?recorded_step=2")
    assert MARK not in page
    assert f'<button {NEXT}="/s?recorded_step=2">Continue</button>' in page
    assert lead_on(html, "3-2", None).count(NEXT) == 0  # a page load follows: nothing to lead


def test_the_replay_serves_the_snapshot_the_query_names_and_logs_no_query(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    for n in range(3):
        (tmp_path / "pages" / f"{n}.html").write_text(f"<p>snapshot {n}</p>")
    route = {
        "page": "0.html",
        "cases": [{"if": {"query.recorded_step": str(n)}, "page": f"{n}.html"} for n in (1, 2)],
    }
    manifest = {"name": "steps", "account": {"email": "a@b.c", "password": "p"}, "routes": {"GET /s": route}}
    (tmp_path / "recording.json").write_text(json.dumps(manifest))
    state = ReplayState(load_recording(tmp_path), None)
    bodies = [
        handle(Request("GET", "/s", query=query), state).body.decode()
        for query in ("", "recorded_step=2", "recorded_step=1&x=y", "recorded_step=9")
    ]
    assert bodies == ["<p>snapshot 0</p>", "<p>snapshot 2</p>", "<p>snapshot 1</p>", "<p>snapshot 0</p>"]
    assert all("query" not in entry and "recorded_step" not in json.dumps(entry) for entry in state.log)
