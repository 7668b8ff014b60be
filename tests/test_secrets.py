"""The canary: a unique email, name and password go through an approved cancel, a dry run and a
run that stops on drift; not one byte of what the runs produce may contain them (nor of the
approved cancellation's proof bundle, which must not hold the session's cookies either), and
the screenshots' masks must cover every place they were shown."""

from __future__ import annotations

import json
import secrets
import zipfile
from pathlib import Path
from typing import NoReturn

import pytest
from PIL import Image
from playwright.sync_api import FloatRect, Page

from tests.support import FIXTURES, cli_env
from tests.support.cli import CliRun, InProcessCli
from tests.support.pixels import MASK
from tests.support.replay import Replay, Replays

pytestmark = pytest.mark.e2e


@pytest.fixture
def canary() -> dict[str, str]:
    tag = secrets.token_hex(6)
    return {
        "email": f"canary.{tag}@example.net",
        "password": f"Canary-Pw-{tag}",
        "full_name": f"Canaryname Zq{tag}",
    }


def _variant(tmp_path: Path, name: str, base: Path, account: dict[str, str]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "recording.json").write_text(
        json.dumps({"name": name, "extends": str(base), "account": account})
    )
    return folder


def _every_byte(run: CliRun, server: Replay, data_dir: Path) -> list[tuple[str, bytes]]:
    found = [("stdout", run.stdout.encode()), ("stderr", run.stderr.encode())]
    assert server.state.log_path is not None
    found.append(("replay log", server.state.log_path.read_bytes()))
    for folder in (run.out_dir, data_dir):
        found += [(str(p), p.read_bytes()) for p in folder.rglob("*") if p.is_file()]
    return found


def _session_cookies(data_dir: Path) -> dict[str, str]:
    """The saved sessions' cookie values (the longer ones: a "1" is found anywhere)."""
    found = {}
    for path in (data_dir / "sessions").glob("*.json"):
        for cookie in json.loads(path.read_text())["cookies"]:
            if len(cookie["value"]) >= 8:
                found[f"cookie {cookie['name']}"] = cookie["value"]
    return found


def _assert_masked(shot: Path, boxes: list[FloatRect | None]) -> None:
    image = Image.open(shot).convert("RGB")
    for box in boxes:
        assert box is not None, f"{shot.name}: a place the canary is shown is not on the page"
        centre = (int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2))
        assert image.getpixel(centre) == MASK, f"{shot.name}: {box} is not masked"


def test_the_canary_never_leaves_the_browser(
    replay: Replays, run_cli_in_process: InProcessCli, page: Page, tmp_path: Path, canary: dict[str, str]
) -> None:
    env = cli_env(COURSERA_EMAIL=canary["email"], COURSERA_PASSWORD=canary["password"])
    data_dir = tmp_path / "data"
    runs = []

    base = _variant(tmp_path, "canary", FIXTURES / "coursera", canary)
    server = replay(base)
    runs.append((run_cli_in_process("cancel", "--dry-run", "--base-url", server.url, env=env), server))
    assert runs[-1][0].returncode == 0, runs[-1][0].stderr

    approved_server = replay(base)
    approved = run_cli_in_process(
        "cancel", "--headless", "--base-url", approved_server.url, env=env, answer="yes\n"
    )
    assert approved.returncode == 0, approved.stderr
    assert len(approved_server.destructive()) == 1
    runs.append((approved, approved_server))

    drift = replay(_variant(tmp_path, "canary-drift", FIXTURES / "variants" / "unknown-dialog", canary))
    stopped = run_cli_in_process("cancel", "--headless", "--base-url", drift.url, env=env, answer="yes\n")
    assert stopped.returncode == 6, stopped.stderr
    assert (stopped.out_dir / "page.html").is_file()
    runs.append((stopped, drift))

    checked = 0
    for run, run_server in runs:
        for where, data in _every_byte(run, run_server, data_dir):
            for kind, value in canary.items():
                assert value.encode() not in data, f"the canary {kind} leaked into {where}"
                checked += 1
    assert checked > 50

    # The approved cancellation's proof bundle holds none of them either, nor the saved session's
    # cookies. Its files are compressed in the zip, so each is searched as it unpacks.
    ident = json.loads(run_cli_in_process("history", "--json").stdout)[0]["id"]
    bundle = tmp_path / "proof.zip"
    assert run_cli_in_process("history", "--export", ident, "--out", str(bundle)).returncode == 0
    with zipfile.ZipFile(bundle) as packed:
        members = {name: packed.read(name) for name in packed.namelist()}
    assert {"receipt.json", "cancelled.png", "run.json", "report.html", "timeline.json"} <= set(members)
    cookies = _session_cookies(data_dir)
    assert cookies, "no saved session to look for"
    for name, data in members.items():
        for kind, value in {**canary, **cookies}.items():
            assert value.encode() not in data, f"the {kind} leaked into the bundle's {name}"

    # The places the page shows the canary are masked in the screenshots.
    dry = runs[0][0]
    shots = {step["name"]: dry.out_dir / step["screenshot"] for step in dry.run_json["steps"]}
    page.goto(server.url + "/login")
    _assert_masked(
        shots["sign_in"],
        [page.locator(s).bounding_box() for s in ('input[name="email"]', 'input[name="password"]')],
    )
    page.request.post(
        server.url + "/api/login/v3", data={"email": canary["email"], "password": canary["password"]}
    )
    page.goto(server.url + "/account-settings")
    assert (
        page.get_by_text(canary["full_name"]).count()
        or page.locator(f'input[value="{canary["full_name"]}"]').count()
    )
    _assert_masked(
        shots["account_settings"],
        [
            page.locator("#fullname").bounding_box(),
            page.locator("#account-email").bounding_box(),
            page.locator('[data-e2e="header-profile"]').bounding_box(),
        ],
    )
    page.goto(server.url + "/")
    _assert_masked(shots["signed_in"], [page.get_by_role("heading", level=1).bounding_box()])


def test_scrub_removes_name_email_and_card_digits_even_when_the_email_was_never_typed() -> None:
    from automator.sites.base import FlowContext
    from automator.sites.coursera import scrub

    def no_credentials() -> NoReturn:  # a saved session: the tool never learns the email
        raise AssertionError("not needed")

    ctx = FlowContext(no_credentials, None, 1000)
    ctx.facts.full_name = "Ada Lovelace"
    page = (
        "<h1>Welcome back, Ada</h1><p>Ada Lovelace · ada@example.org · other@x.co.uk</p>"
        '<input value="ada@example.org"><dd>Visa ending in 4242</dd><p>Adam and Adaline stay</p>'
    )
    clean = scrub(page, ctx)
    for gone in ("Ada Lovelace", "ada@example.org", "other@x.co.uk", "4242", "back, Ada<"):
        assert gone not in clean
    assert "Adam and Adaline stay" in clean and "ending in ••••" in clean
