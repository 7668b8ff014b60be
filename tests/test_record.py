"""`automator record`: personal data planted in a replayed site never reaches the recording,
and record → replay → check round-trips."""

from __future__ import annotations

import hashlib
import json
import shutil
from itertools import count
from pathlib import Path

import pytest

from automator.personal import EMAIL_SHAPE
from automator.record import scrub_html, stylesheet_name
from automator.status import Status
from tests.support import BASE, cli_env
from tests.support.cli import InProcessCli
from tests.support.flow import FlowRunner
from tests.support.replay import Replays

pytestmark = pytest.mark.e2e

PLANTED = {
    "email": "planted.person.7f3@example.org",
    "password": "Planted-Secret-9931",
    "full_name": "Plantina Personsdottir",
}
CSRF = "csrf-9f8e7d6c5b4a3928"
SESSION = "sess-5a4b3c2d1e0f9876"
USER_ID = "a1b2c3d4e5f6"


def _planted_site(tmp_path: Path) -> Path:
    site = tmp_path / "planted"
    shutil.copytree(BASE, site)
    manifest = json.loads((site / "recording.json").read_text())
    manifest["account"].update(PLANTED)
    (site / "recording.json").write_text(json.dumps(manifest))
    page = site / "pages" / "subscriptions.html"
    text = (
        page.read_text()
        .replace("</head>", f'<meta name="csrf-token" content="{CSRF}"></head>')
        .replace(
            "</main>",
            f'<form method="post" action="/x">'
            f'<input type="hidden" name="authenticity_token" value="{CSRF}"></form>'
            f'<a href="/user/{USER_ID}/profile?session={SESSION}">Your profile</a>'
            f"<p>Member since 2019, account number 1234567890123.</p></main>",
        )
    )
    page.write_text(text)
    home = site / "pages" / "home.html"
    home.write_text(home.read_text().replace("</main>", f'<script>var token = "{SESSION}";</script></main>'))
    return site


def test_planted_personal_data_never_reaches_the_recording(
    replay: Replays, run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    server = replay(_planted_site(tmp_path))
    out = tmp_path / "recorded"
    env = cli_env(COURSERA_EMAIL=PLANTED["email"], COURSERA_PASSWORD=PLANTED["password"])
    run = run_cli_in_process("record", "--base-url", server.url, "--out", str(out), env=env)
    assert run.returncode == 0, run.stderr
    assert server.destructive() == []
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(list((out / "pages").glob("*.html"))) == 8
    assert len(list((out / "contracts").glob("*.aria.yml"))) == 5  # held to the same grep below
    planted = [
        *PLANTED.values(),
        PLANTED["full_name"].split()[0],
        CSRF,
        SESSION,
        USER_ID,
        "1234567890123",
        "4242",
    ]
    for path in files:
        text = path.read_text(errors="replace")
        for value in planted:
            assert value not in text, f"{value!r} survived in {path.relative_to(out)}"
    pages = "".join(p.read_text() for p in (out / "pages").glob("*.html"))
    assert pages.count("<script") == pages.count('<script defer="" src="/static/recorded.js">') == 8
    assert "{{account.email}}" in pages and "{{account.full_name}}" in pages
    assert "http://127.0.0.1" not in pages  # links point at the recording itself


def test_record_replay_check_round_trips(
    replay: Replays, run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    server = replay()
    out = tmp_path / "recorded"
    assert run_cli_in_process("record", "--base-url", server.url, "--out", str(out)).returncode == 0
    recorded = json.loads((out / "recording.json").read_text())
    assert recorded["session_cookie"] == "CAUTH"  # the site's own, so its replay sets the same cookie
    account = recorded["account"]
    again = replay(out)
    env = cli_env(COURSERA_EMAIL=account["email"], COURSERA_PASSWORD=account["password"])
    check = run_cli_in_process(
        "check", "--base-url", again.url, "--recording", str(out), "--out", str(tmp_path / "check"), env=env
    )
    assert check.returncode == 0, check.stderr
    report = json.loads((tmp_path / "check" / "report.json").read_text())
    assert report["verdict"] == "unchanged"
    assert report["expected_flow"] == recorded["flow"]
    assert report["baseline"] == str(out.resolve())
    # Every region's template came from the recording, made by the code that made the bundled ones.
    templated = [s for s in report["screens"] if "suggested" in s]
    assert len({s["name"] for s in templated}) == 5 and not [s for s in templated if s.get("notes")]
    for screen in templated:
        name = f"contracts/{screen['name']}.aria.yml"
        assert (out / name).read_text() == (BASE / name).read_text(), name
        assert (out / "contracts" / f"{screen['name']}.png").read_bytes()[:4] == b"\x89PNG"  # masked
    assert again.destructive() == []


def test_record_refuses_a_folder_that_is_not_empty(run_cli_in_process: InProcessCli, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("")
    run = run_cli_in_process("record", "--base-url", "http://127.0.0.1:9", "--out", str(tmp_path / "full"))
    assert run.returncode == 2 and "not empty" in run.stderr


def test_a_recording_from_a_saved_session_keeps_every_screen_and_no_email_it_never_typed(
    replay: Replays, run_cli_in_process: InProcessCli, run_flow: FlowRunner, tmp_path: Path
) -> None:
    """The independent site opens its survey, offer and final dialog over the subscriptions page,
    without a page load, and its Account settings page shows the email as text. Recorded from a
    saved session (no email typed, so none to scrub by value), every screen is its own snapshot,
    nothing personal is kept, and a dry run on the recording, without the site's scripts, steps
    through every screen to the final dialog and backs out."""
    site = replay("independent")
    account = site.state.recording.account
    site.save_signed_in_session(run_cli_in_process.data_dir)
    out = tmp_path / "recorded"
    run = run_cli_in_process("record", "--base-url", site.url, "--out", str(out), env=cli_env())
    assert run.returncode == 0, run.stderr
    manifest = json.loads((out / "recording.json").read_text())
    flow = manifest["flow"]
    assert flow == [  # signed in already: no sign-in screens
        "signed_in", "account_settings", "subscriptions",
        "cancel_survey", "retention_offer", "confirm_cancel", "subscriptions",
    ]
    assert sorted(p.name for p in (out / "pages").iterdir()) == [
        f"{n:02d}-{s}.html" for n, s in enumerate(flow, 1)
    ]
    snapshots = manifest["routes"]["GET /account-settings/manage-subscriptions"]
    assert [snapshots["page"]] + [case["page"] for case in snapshots["cases"]] == [
        "03-subscriptions.html", "04-cancel_survey.html", "05-retention_offer.html",
        "06-confirm_cancel.html", "07-subscriptions.html",
    ]
    for path in out.rglob("*"):
        text = path.read_text(errors="replace") if path.is_file() else ""
        for value in (account.email, account.full_name, account.full_name.split()[0]):
            assert value not in text, f"{value!r} is in {path.relative_to(out)}"
    pages = "".join(p.read_text() for p in (out / "pages").glob("*.html"))
    assert EMAIL_SHAPE.search(pages) is None and "<dd>{{account.email}}</dd>" in pages

    again = replay(out)
    data = tmp_path / "replay-data"
    again.save_signed_in_session(data)
    walked = run_flow(again, dry_run=True, data_dir=data, timeout_s=10)
    assert walked.result.status is Status.DRY_RUN_COMPLETE, walked.result.message
    assert [step.name for step in walked.result.steps] == flow
    assert len(again.requests_to("GET", "/account-settings/manage-subscriptions")) == 5  # one per snapshot
    assert again.destructive() == [] and [e for e in again.log_lines() if e["method"] != "GET"] == []


def test_a_page_that_still_holds_something_personal_is_never_written() -> None:
    from automator.record import leaks

    personal = {"Plantina Personsdottir": "{{account.full_name}}"}
    assert leaks("<p>Hello {{account.full_name}}</p>", personal) == []
    assert leaks("<p>Hello Plantina Personsdottir</p>", personal) == ["account.full_name"]
    assert leaks("<p>write to a.b@x.co</p>", {}) == ["the email address 'a.b@x.co'"]


def test_a_stopped_run_becomes_a_variant_that_reproduces_the_stop(
    replay: Replays, run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    """A person's run stops on a page the flow does not know; its folder, turned into a variant
    of the base, stops the same way at the same step, and holds nothing personal."""
    from tests.support import DEMO_EMAIL, DEMO_PASSWORD

    server = replay("variants/renamed-cancel-button")
    first = run_cli_in_process("cancel", "--base-url", server.url, "--dry-run", "--timeout", "10")
    assert first.returncode == 6, first.stderr
    stopped = json.loads((first.out_dir / "run.json").read_text())
    variant = tmp_path / "from-run"
    made = run_cli_in_process(
        "record", "--from-run", str(first.out_dir), "--out", str(variant), "--base", str(BASE)
    )
    assert made.returncode == 0, made.stderr
    again = replay(variant)
    second = run_cli_in_process("cancel", "--base-url", again.url, "--dry-run", "--timeout", "10")
    reproduced = json.loads((second.out_dir / "run.json").read_text())
    assert second.returncode == 6, second.stderr
    assert reproduced["message"] == stopped["message"]  # the same stop, at the same step
    assert [s["name"] for s in reproduced["steps"]] == [s["name"] for s in stopped["steps"]]
    for path in variant.rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            for value in (DEMO_EMAIL, DEMO_PASSWORD, "Dana Demo", "Dana"):
                assert value not in text, f"{value!r} is in {path.relative_to(variant)}"
    assert again.destructive() == [] and server.destructive() == []


def test_only_a_run_that_stopped_on_a_page_becomes_a_variant(
    run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "run.json").write_text(json.dumps({"status": "declined", "steps": [{"name": "x"}]}))
    (tmp_path / "run" / "page.html").write_text("<html></html>")
    args = ("--out", str(tmp_path / "v"), "--base", str(BASE))
    assert run_cli_in_process("record", "--from-run", str(tmp_path / "run"), *args).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_cli_in_process("record", "--from-run", str(empty), *args)
    assert run.returncode == 2 and "needs run.json and page.html" in run.stderr


def test_a_stylesheet_whose_hash_is_all_digits_keeps_its_link() -> None:
    """A stylesheet's file name is made from its URL. Made of digits alone (a hash can be), it
    was scrubbed from the pages as an account number: the recorded pages lost their styles, and
    the round trip failed once in a few hundred runs, by the replay's port."""
    origin = "http://127.0.0.1:8000"
    candidates = (f"{origin}/static/site-{i}.css" for i in count())
    url = next(u for u in candidates if hashlib.sha256(u.encode()).hexdigest()[:12].isdigit())
    page = scrub_html(f'<link rel="stylesheet" href="{url}">', {}, origin, {url: stylesheet_name(url)})
    assert f'href="/static/{stylesheet_name(url)}"' in page
