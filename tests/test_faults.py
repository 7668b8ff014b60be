"""Faults injected by the replay server, and what `automator cancel` makes of them.

Every run must end with a documented status, a message, a screenshot and the page's HTML
where there is a page, no traceback, and, by the replay server's own log, no request that
changes the account unless the person approved in that run.
"""

from __future__ import annotations

import contextlib
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from automator.errors import RecordingError
from automator.replay import Fault
from tests.support.cli import Cli, CliRun, InProcessCli
from tests.support.flow import FlowRunner
from tests.support.replay import Replay, Replays

CANCEL = "/api/subscriptions/v1/cancel"


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize("rule", ["500", "boom:GET /", "500:GET", "500:get /x", "slow:GET x"])
def test_bad_fault_rules_say_how_to_write_them(rule: str) -> None:
    with pytest.raises(RecordingError, match="KIND:METHOD /path"):
        Fault.parse(rule)


def test_each_fault_kind_over_http(replay: Replays) -> None:
    server = replay(
        faults=[
            "500:GET /login",
            "detour:GET /",
            "popup:GET /login*2",
            "slow:GET /static/site.css",
            "reset:GET /static/app.js",
            "hang:GET /favicon.ico",
        ],
        fault_delay_s=0.3,
    )
    assert _get(server.url + "/login")[0] == 500
    status, page = _get(server.url + "/")
    assert status == 200 and "making some updates" in page
    assert 'window.open("/", "_blank")' in _get(server.url + "/login")[1]
    assert _get(server.url + "/login")[0] == 200  # *2: the popup fault hit twice, now spent
    assert _get(server.url + "/static/site.css")[0] == 200  # slow, but answered
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        _get(server.url + "/static/app.js")
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        _get(server.url + "/favicon.ico", timeout=0.5)
    faults = [(e["path"], e["fault"]) for e in server.log_lines() if "fault" in e]
    assert ("/static/app.js", "reset") in faults and ("/favicon.ico", "hang") in faults


def _cancel(cli: Cli, server: Replay, *args: str, answer: str | None = None) -> CliRun:
    return cli("cancel", "--headless", "--base-url", server.url, "--timeout", "3", *args, answer=answer)


def _changes(server: Replay) -> list[dict[str, Any]]:
    return [e for e in server.log_lines() if e["destructive"] or e.get("changes_account")]


def _assert_evidence(run: CliRun, status: str, code: int, words: str) -> None:
    assert run.returncode == code, run.stderr
    data = run.run_json
    assert data["status"] == status
    assert words in data["message"]
    assert "Nothing was cancelled" in data["message"]
    assert "Traceback" not in run.stderr
    assert data["steps"][-1]["name"] == "stopped"
    assert (run.out_dir / data["steps"][-1]["screenshot"]).is_file()
    assert (run.out_dir / "page.html").is_file()


def test_the_cli_reports_a_fault_in_words_and_evidence_without_a_traceback(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    """The matrix (test_fault_matrix.py) runs the flow in-process; this is the real command."""
    server = replay(faults=["hang:GET /account-settings/subscriptions/cancel/confirm"], fault_delay_s=10)
    run = _cancel(run_cli_in_process, server, answer="yes\n")  # a person who would approve, if asked
    _assert_evidence(run, "error", 1, "did not answer")
    assert "within 3 s" in run.stderr and "--timeout" in run.stderr
    assert run.run_json["steps"][-1]["stopped"] is True  # the stop saved with its evidence is one
    assert "✗ Where the run stopped" in run.stderr and "✓ Where the run stopped" not in run.stderr
    assert " ".join(run.stderr.split()).count(run.run_json["message"]) == 1  # said once, at the end
    assert "Ready to cancel" not in run.stderr
    assert _changes(server) == []


def test_a_cancel_request_that_fails_after_approval_is_checked_again_and_never_repeated(
    replay: Replays, run_cli_in_process: InProcessCli
) -> None:
    server = replay(faults=[f"reset:POST {CANCEL}"])
    run = _cancel(run_cli_in_process, server, answer="yes\n")
    assert run.returncode == 1, run.stderr
    data = run.run_json
    assert data["status"] == "error"
    assert "page still shows Coursera Plus Monthly as active" in data["message"]
    assert "does not press Yes, Cancel again" in data["message"]
    assert "reading Subscriptions" in run.stderr  # the person is told what the tool does
    log = server.log_lines()
    click = next(i for i, e in enumerate(log) if e["path"] == CANCEL)
    # After the click it only read the page: it did not start the cancellation over.
    assert [e["path"] for e in log[click + 1 :] if e["path"] != "/static/site.css"] == [
        "/account-settings/subscriptions",
        "/static/app.js",
    ]
    assert [e.get("fault") for e in server.requests_to("POST", CANCEL)] == ["reset"]  # once, never again
    assert server.state.values["subscription"] == "active"
    assert json.loads((run.out_dir / "run.json").read_text())["steps"][-1]["name"] == "stopped"


def test_at_k_lets_the_first_k_minus_one_requests_through(replay: Replays) -> None:
    server = replay(faults=["500:GET /login@2"])
    assert [_get(server.url + "/login")[0] for _ in range(3)] == [200, 500, 200]


@pytest.mark.parametrize("kind", ["500", "detour"])
def test_a_fault_that_answers_instead_of_the_site_changes_nothing(replay: Replays, kind: str) -> None:
    """The log and the state agree: the route never ran, so nothing was cancelled."""
    server = replay(faults=[f"{kind}:POST {CANCEL}"])
    request = urllib.request.Request(server.url + CANCEL, data=b"{}", method="POST")
    request.add_header("Content-Type", "application/json")
    with pytest.raises(urllib.error.HTTPError) if kind == "500" else _nothing():
        urllib.request.urlopen(request, timeout=5).close()
    (entry,) = server.requests_to("POST", CANCEL)
    assert entry["fault"] == kind and entry["destructive"] is False
    assert server.state.values["subscription"] == "active"


@contextlib.contextmanager
def _nothing() -> Iterator[None]:
    yield


class _FakeFrame:
    pass


class _FakePage:
    def __init__(self) -> None:
        self.main_frame = _FakeFrame()
        self.url = "https://site.example/account-settings"
        self.handlers: dict[str, Callable[[Any], None]] = {}

    def on(self, event: str, handler: Callable[[Any], None]) -> None:
        self.handlers[event] = handler


class _FakeRequest:
    def __init__(self, page: _FakePage, url: str, kind: str, failure: str | None = None) -> None:
        self.url, self.resource_type, self.failure = url, kind, failure
        self.frame = page.main_frame

    def is_navigation_request(self) -> bool:
        return self.resource_type == "document"


def test_only_the_sites_own_unanswered_or_failed_calls_explain_a_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A third-party failure, or a background call that has not waited long, is no site trouble
    (so drift stays drift); a page load still open, or a call open most of the budget, is."""
    from automator import traffic as watching

    clock = [100.0]
    monkeypatch.setattr("automator.traffic.time.monotonic", lambda: clock[0])
    page = _FakePage()
    traffic = watching.Traffic(page, "https://site.example")  # type: ignore[arg-type]
    sent, failed = page.handlers["request"], page.handlers["requestfailed"]
    failed(_FakeRequest(page, "https://analytics.elsewhere.example/beacon", "fetch", "net::ERR_FAILED"))
    sent(_FakeRequest(page, "https://site.example/api/poll", "xhr"))
    assert traffic.trouble(timeout_s=30) is None
    clock[0] += 25  # the call has now waited most of the 30 s budget
    assert "did not answer https://site.example/api/poll" in str(traffic.trouble(timeout_s=30))
    page_load = _FakeRequest(page, "https://site.example/account-settings/subscriptions", "document")
    sent(page_load)
    page.handlers["response"](_FakeResponse(page_load, 503))
    # A new page: the old page's call is moot, and the site's own 503 explains the stop.
    assert traffic.trouble(timeout_s=30) == (
        "The site answered HTTP 503 at https://site.example/account-settings/subscriptions: "
        "it is having trouble. Try again later"
    )


class _FakeResponse:
    def __init__(self, request: _FakeRequest, status: int) -> None:
        self.request, self.status, self.url = request, status, request.url


def test_a_page_whose_scripts_arrive_late_is_used_only_once_they_ran(
    replay: Replays, run_flow: FlowRunner
) -> None:
    """The screens show before their deferred script has run: a click then would do nothing
    (the account menu never opens). Seen as a flake under load; here the script is made late."""
    server = replay(faults=["slow:GET /static/app.js@2"], fault_delay_s=1)  # the signed-in home's
    run = run_flow(server, dry_run=True, timeout_s=10)
    assert run.result.status.value == "dry_run_complete", run.result.message
    assert [e for e in server.log_lines() if e.get("fault") == "slow"]  # the fault did fire
    assert server.destructive() == []


class _PageWithoutAFrame:
    """A page whose first `failures` screenshots get Chromium's 'no frame' answer."""

    url = "http://127.0.0.1/"

    def __init__(self, failures: int, error: str = "Unable to capture screenshot") -> None:
        self.failures, self.error = failures, error
        self.calls: list[str] = []

    def screenshot(self, **kwargs: object) -> None:
        self.calls.append("screenshot")
        if self.calls.count("screenshot") <= self.failures:
            from playwright.sync_api import Error, TimeoutError

            if self.error == "no answer":
                raise TimeoutError("Page.screenshot: Timeout 3000ms exceeded.")
            raise Error(f"Page.screenshot: Protocol error (Page.captureScreenshot): {self.error}")

    def wait_for_load_state(self, state: str) -> None:
        self.calls.append(state)


@pytest.mark.parametrize("error", ["Unable to capture screenshot", "no answer"])
@pytest.mark.parametrize("failures", [1, 2])
def test_a_screenshot_without_a_frame_is_asked_again_once_the_page_has_a_document(
    failures: int, error: str, tmp_path: Path
) -> None:
    """Seen under load: Chromium briefly has no frame to capture (it says so, or does not
    answer at all), and a whole run stopped on it."""
    from automator.evidence import Camera as _Camera

    site = type("S", (), {"masks": staticmethod(lambda page, ctx: [])})()
    page = _PageWithoutAFrame(failures, error)
    camera = _Camera(page, tmp_path, site, None, loading=lambda: False)  # type: ignore[arg-type]
    assert camera("home") == "01-home.png"
    assert page.calls == ["screenshot", "domcontentloaded"] * failures + ["screenshot"]


@pytest.mark.parametrize("loading", [True, False])
def test_once_the_run_has_stopped_a_load_still_waiting_is_stopped_before_each_screenshot(
    loading: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page load the site never answers holds every capture until it times out: after
    Ctrl-C just after the confirming click, the stop took 9 s. The stopped run's capture
    stops such a load instead of waiting for a document that will not come."""
    import automator.evidence
    from automator.evidence import Camera as _Camera

    site = type("S", (), {"masks": staticmethod(lambda page, ctx: [])})()
    page = _PageWithoutAFrame(1, "no answer")
    monkeypatch.setattr(automator.evidence, "stop_loading", lambda p: p.calls.append("stop"))
    camera = _Camera(page, tmp_path, site, None, loading=lambda: loading)  # type: ignore[arg-type]
    camera.stopping = True
    assert camera("stopped") == "01-stopped.png"
    stop = ["stop"] if loading else []
    assert page.calls == [*stop, "screenshot", *stop, "screenshot"]  # never waits for a document


@pytest.mark.parametrize(("failures", "error"), [(3, "Unable to capture screenshot"), (1, "Target closed")])
def test_a_screenshot_that_keeps_failing_or_fails_otherwise_is_not_retried_forever(
    failures: int, error: str, tmp_path: Path
) -> None:
    from playwright.sync_api import Error

    from automator.evidence import Camera as _Camera

    site = type("S", (), {"masks": staticmethod(lambda page, ctx: [])})()
    page = _PageWithoutAFrame(failures, error)
    with pytest.raises(Error, match=error):
        _Camera(page, tmp_path, site, None, loading=lambda: False)("home")  # type: ignore[arg-type]
    assert page.calls.count("screenshot") == failures


def test_a_stopped_pages_html_is_read_while_a_load_the_site_never_answers_is_pending(
    replay: Replays, browser: Browser
) -> None:
    """Seen under two suites at once: Ctrl-C just after Yes, Cancel, the page's script then
    started a load the site never answered, and saving page.html waited on it for good."""
    import time

    from automator.browser import browser_page, page_html

    server = replay(faults=["hang:GET /account-settings"])
    with browser_page(True, browser=browser) as page:
        page.goto(server.url + "/")
        with page.expect_request("**/account-settings"):
            page.evaluate("() => { location.href = '/account-settings' }")  # never answered
        started = time.monotonic()
        html = page_html(page)
        # Bounded: one unanswered read (5 s), the stop, the second read; never the page's wait.
        assert time.monotonic() - started < 15
        assert "<html" in html and 'data-e2e="header-login-button"' in html  # the page as it was
        assert "account-settings" not in page.url
