"""The replay server over real HTTP on 127.0.0.1: state, sign-in, the log."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from http.client import HTTPMessage
from http.cookiejar import CookieJar
from pathlib import Path
from typing import IO

import pytest

from tests.support import DEMO_EMAIL, DEMO_PASSWORD, REPO
from tests.support.replay import Replay

StartReplay = Callable[..., Replay]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        return None


def _client(follow: bool = False) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [urllib.request.HTTPCookieProcessor(CookieJar())]
    if not follow:
        handlers.append(_NoRedirect())
    return urllib.request.build_opener(*handlers)


def _send(
    opener: urllib.request.OpenerDirector, url: str, method: str = "GET", body: object = None
) -> tuple[int, dict[str, str], str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"} if data else {}
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_signed_out_pages_and_auth_redirect(replay: StartReplay) -> None:
    server = replay()
    client = _client()
    status, _, body = _send(client, server.url + "/")
    assert status == 200 and 'data-e2e="header-login-button"' in body
    status, headers, _ = _send(client, server.url + "/account-settings/subscriptions")
    assert status == 303
    assert headers["Location"] == "/login?redirectTo=/account-settings/subscriptions"
    assert _send(client, server.url + "/no-such-page")[0] == 404
    assert _send(client, server.url + "/static/site.css")[0] == 200
    assert _send(client, server.url + "/static/../recording.json")[0] == 404


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        (
            "someone@example.com",
            DEMO_PASSWORD,
            "We couldn't find an account associated with that email address",
        ),
        (DEMO_EMAIL, "wrong", "Incorrect email or password"),
        ("", "", "We couldn't find an account"),
    ],
)
def test_only_the_demo_account_signs_in(replay: StartReplay, email: str, password: str, message: str) -> None:
    server = replay()
    status, headers, body = _send(
        _client(), server.url + "/api/login/v3", "POST", {"email": email, "password": password}
    )
    assert status == 401 and message in json.loads(body)["message"]
    assert "Set-Cookie" not in headers


def test_sign_in_then_cancel_changes_state_and_is_logged_as_destructive(replay: StartReplay) -> None:
    server = replay()
    client = _client()
    status, headers, _ = _send(
        client,
        server.url + "/api/login/v3",
        "POST",
        {"email": DEMO_EMAIL.upper(), "password": DEMO_PASSWORD},
    )
    assert status == 200 and "CAUTH=" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    assert "Coursera Plus Monthly" in _send(client, server.url + "/account-settings/subscriptions")[2]
    status, _, body = _send(client, server.url + "/api/subscriptions/v1/cancel", "POST", {})
    assert status == 200 and json.loads(body)["ok"] is True
    assert server.state.values["subscription"] == "cancelled"
    assert 'role="status"' in _send(client, server.url + "/account-settings/subscriptions")[2]
    assert _send(client, server.url + "/api/subscriptions/v1/cancel", "POST", {})[0] == 409
    log = server.log_lines()
    cancels = [e for e in log if e["path"] == "/api/subscriptions/v1/cancel"]
    assert [(e["status"], e["destructive"]) for e in cancels] == [(200, True), (409, False)]
    assert all(set(e) >= {"time", "method", "path", "status", "destructive"} for e in log)
    assert server.state.log_path is not None  # the replay fixture always logs
    text = server.state.log_path.read_text()
    assert DEMO_PASSWORD not in text and "CAUTH" not in text


def test_a_second_client_is_not_signed_in_by_the_first(replay: StartReplay) -> None:
    server = replay()
    first = _client()
    _send(
        first,
        server.url + "/api/login/v3",
        "POST",
        {"email": DEMO_EMAIL, "password": DEMO_PASSWORD},
    )
    assert _send(first, server.url + "/account-settings")[0] == 200
    assert _send(_client(), server.url + "/account-settings")[0] == 303
    assert _send(_client(), server.url + "/api/subscriptions/v1/cancel", "POST", {})[0] == 401
    assert server.destructive() == []


def test_logout_ends_the_session(replay: StartReplay) -> None:
    server = replay()
    client = _client()
    _send(
        client,
        server.url + "/api/login/v3",
        "POST",
        {"email": DEMO_EMAIL, "password": DEMO_PASSWORD},
    )
    assert _send(client, server.url + "/logout")[0] == 303
    assert _send(client, server.url + "/account-settings")[0] == 303


def test_replay_command_prints_its_url_and_serves(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "automator",
            "replay",
            "fixtures/coursera",
            "--port",
            "0",
            "--log",
            str(log),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert _send(_client(), url + "/login")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert entries[0]["method"] == "GET" and entries[0]["path"] == "/login"


def test_replay_command_rejects_a_folder_that_is_not_a_recording(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "automator", "replay", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "has no recording.json" in done.stderr and "Traceback" not in done.stderr


def test_pages_show_the_recordings_account_through_placeholders(replay: StartReplay, tmp_path: Path) -> None:
    variant = tmp_path / "v"
    variant.mkdir()
    (variant / "recording.json").write_text(
        json.dumps(
            {
                "name": "v",
                "extends": str(REPO / "fixtures" / "coursera"),
                "account": {"email": "ada@example.org", "password": "pw", "full_name": "Ada <Lovelace>"},
            }
        )
    )
    server = replay(variant)
    client = _client()
    _send(client, server.url + "/api/login/v3", "POST", {"email": "ada@example.org", "password": "pw"})
    page = _send(client, server.url + "/account-settings")[2]
    assert 'value="ada@example.org"' in page
    assert "User dropdown menu for Ada &lt;Lovelace&gt;" in page
    assert "{{" not in page and "demo.learner" not in page and "Dana" not in page


def _graphql_recording(tmp_path: Path) -> Path:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "banner.html").write_text('<div role="region" aria-label="Cookies">hi</div>')
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.html").write_text("<html><body><h1>Page</h1></body></html>")
    manifest = {
        "name": "graphql",
        "extends": str(REPO / "fixtures" / "coursera"),
        "inject": ["banner.html"],
        "state": {"plan": "active", "other": "active"},
        "routes": {
            "GET /p": {"page": "p.html"},
            "POST /api/graphql": {
                "operations": {
                    "Plans": {"json": {"data": {"plans": []}}},
                    "CancelSubscription": {
                        "destructive": True,
                        "set": {"plan": "cancelled"},
                        "json": {"data": {"ok": True}},
                        "cases": [
                            {
                                "if": {"request.id": "other"},
                                "set": {"other": "cancelled"},
                                "json": {"data": 2},
                            },
                        ],
                    },
                }
            },
        },
    }
    (tmp_path / "recording.json").write_text(json.dumps(manifest))
    return tmp_path


def test_a_graphql_endpoint_answers_by_operation_and_logs_its_name(
    replay: StartReplay, tmp_path: Path
) -> None:
    server = replay(_graphql_recording(tmp_path))
    client = _client()
    url = server.url + "/api/graphql"
    plans = _send(client, url, "POST", {"query": "query Plans { plans { id } }"})
    assert plans[2] == '{"data": {"plans": []}}'
    # The case matches on a GraphQL variable: one operation, two subscriptions.
    mutation = "mutation CancelSubscription($id: ID!) { cancelSubscription(id: $id) { ok } }"
    assert _send(client, url, "POST", {"query": mutation, "variables": {"id": "other"}})[2] == '{"data": 2}'
    assert (server.state.values["plan"], server.state.values["other"]) == ("active", "cancelled")
    named = {"operationName": "CancelSubscription", "variables": {"id": "x"}}
    status, _, body = _send(client, url, "POST", named)
    assert status == 200 and server.state.values["plan"] == "cancelled"
    status, _, body = _send(client, url, "POST", {"operationName": "Nope"})
    assert status == 400 and "Unknown operation Nope" in body
    logged = [(e.get("operation"), e["destructive"]) for e in server.log_lines()]
    cancels = [("CancelSubscription", True)] * 2
    assert logged == [("Plans", False), *cancels, ("Nope", False)]
    assert server.state.log_path is not None  # the replay fixture always logs
    assert "variables" not in server.state.log_path.read_text()


def test_injected_snippets_end_every_page(replay: StartReplay, tmp_path: Path) -> None:
    server = replay(_graphql_recording(tmp_path))
    body = _send(_client(), server.url + "/p")[2]
    assert body.endswith('<div role="region" aria-label="Cookies">hi</div></body></html>')


def test_a_scrambled_replay_serves_other_markup_with_the_same_hooks(replay: StartReplay) -> None:
    plain, scrambled = replay(), replay(scramble=3)
    page = _send(_client(), plain.url + "/")[2]
    other = _send(_client(), scrambled.url + "/")[2]
    assert other != page
    assert other.count('data-e2e="header-login-button"') == page.count('data-e2e="header-login-button"') == 1
    assert 'class="btn' in page and 'class="btn' not in other
    css = _send(_client(), scrambled.url + "/static/site.css")[2]
    assert ".btn" not in css  # the stylesheet is renamed alike, so the pages keep their look
    assert _send(_client(), scrambled.url + "/")[2] == other  # the same seed, the same page
