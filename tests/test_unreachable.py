"""A site that cannot be reached ends the run at once, saying why and what to do in that case.

Chromium fails such a load within milliseconds; the run must not turn that into a wait. Three
cases any machine can meet without a network: a port nobody listens on, a port Chromium refuses
(6000 is on its unsafe list), and a name under the reserved top-level domain .invalid (RFC 2606),
which never resolves.
"""

from __future__ import annotations

import socket
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from automator.errors import Unreachable
from automator.reach import never_reached, open_page
from tests.support.cli import InProcessCli
from tests.support.flow import FlowRunner

# Chromium fails each of these loads in well under a tenth of a second, and a run that never
# reached the site has nothing to do but say so: 2 s bounds the fault, not a loaded machine.
BUDGET_S = 2.0
TIMEOUT_S = 30  # the default step budget: any wait bounded by it would blow BUDGET_S

# (address, words the message must hold, words that would be the wrong advice); {port} is a
# port that was free a moment ago, so nothing listens on it.
CASES = {
    "refused": (
        "http://127.0.0.1:{port}",
        ["Nothing accepts connections at 127.0.0.1:{port}", "net::ERR_CONNECTION_REFUSED", "is running"],
        ["DNS", "Check the network", "unsafe"],
    ),
    "unsafe_port": (
        "http://127.0.0.1:6000",
        ["refuses to open port 6000", "net::ERR_UNSAFE_PORT", "another port", "--base-url"],
        ["network", "DNS", "running", "try again"],
    ),
    "unresolvable_name": (
        "http://nowhere.invalid",
        ["nowhere.invalid does not resolve", "net::ERR_NAME_NOT_RESOLVED", "--base-url", "DNS"],
        ["port", "running"],
    ),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # closed again: nothing listens there


def _case(name: str) -> tuple[str, list[str], list[str]]:
    address, said, wrong = CASES[name]
    port = str(_free_port())
    return address.format(port=port), [words.format(port=port) for words in said], wrong


@pytest.mark.parametrize("case", CASES)
def test_a_site_never_reached_ends_the_run_at_once_with_advice_for_its_case(
    run_flow: FlowRunner, case: str
) -> None:
    address, said, wrong = _case(case)
    started = time.monotonic()
    run = run_flow(address, dry_run=True, timeout_s=TIMEOUT_S)
    took = time.monotonic() - started
    data, message = run.run_json, run.result.message
    assert took < BUDGET_S, f"{took:.2f} s to say: {message}"
    assert (data["status"], data["exit_code"]) == ("error", 1)
    for words in said:
        assert words in message
    for words in wrong:
        assert words not in message, f"{words!r} is advice for another case: {message}"
    assert message.endswith("Nothing was cancelled.")
    # Nothing of the site to keep: one step, where it stopped, with the message and no picture
    # of the browser's own error page.
    steps = [(step["name"], step["url"], step["screenshot"], step.get("note")) for step in data["steps"]]
    assert steps == [("stopped", address + "/", None, message)]
    assert not (run.out_dir / "page.html").exists()


def test_the_command_says_it_in_one_line_and_exits_1(run_cli_in_process: InProcessCli) -> None:
    address, said, _wrong = _case("unsafe_port")
    run = run_cli_in_process("cancel", "--dry-run", "--headless", "--base-url", address)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    flat = " ".join(run.stderr.split())
    assert all(words in flat for words in said), flat
    assert flat.count(run.run_json["message"]) == 1  # once: the stopped step's line leaves it out
    assert "✗ Where the run stopped" in run.stderr and "✓" not in run.stderr


@pytest.mark.parametrize(
    "error",
    [
        "Page.goto: net::ERR_CONNECTION_RESET at http://h/",  # the site answered, then dropped it
        "Page.goto: net::ERR_EMPTY_RESPONSE at http://h/",
        "Page.goto: net::ERR_ABORTED at http://h/",
        "Page.goto: Timeout 30000ms exceeded.",
        "net::ERR_CONNECTION_REFUSEDX",  # not a code Chromium has
    ],
)
def test_a_failure_after_the_site_answered_is_not_unreachable(error: str) -> None:
    assert never_reached(error, "http://h/") is None


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("ERR_INTERNET_DISCONNECTED", "This machine is offline"),
        ("ERR_NAME_RESOLUTION_FAILED", "does not resolve"),
        ("ERR_ADDRESS_UNREACHABLE", "cannot be reached from this machine"),
        ("ERR_CERT_DATE_INVALID", "cannot be trusted"),
        ("ERR_PROXY_CONNECTION_FAILED", "The proxy"),
    ],
)
def test_each_kind_has_its_own_words(code: str, words: str) -> None:
    said = never_reached(f"Page.goto: net::{code} at https://site.example/x?q=1", "https://site.example/x?q=1")
    assert said is not None and words in said
    assert f"(net::{code} at https://site.example/x)" in said and "q=1" not in said  # no query string


class _FailingPage:
    def __init__(self, error: str) -> None:
        self.error = error

    def goto(self, url: str) -> None:
        raise PlaywrightError(self.error)


def test_open_page_raises_unreachable_only_for_a_site_never_reached() -> None:
    """login and cancel both open their first page through it."""
    with pytest.raises(Unreachable, match="does not resolve"):
        open_page(_FailingPage("net::ERR_NAME_NOT_RESOLVED at http://x.invalid/"), "http://x.invalid")  # type: ignore[arg-type]
    with pytest.raises(PlaywrightError, match="ERR_CONNECTION_RESET"):  # the caller's to explain
        open_page(_FailingPage("net::ERR_CONNECTION_RESET at http://h/"), "http://h")  # type: ignore[arg-type]
