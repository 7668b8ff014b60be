"""A page in a language the site has no word table for: the run stops at once and says which.

Coursera's language is a setting of the account, and every interface string is translated. A
run that met a Spanish or Japanese page used to wait for an English screen that could not come,
then called it drift. Now the page's own `<html lang>` (or Content-Language) is read: on the
first page, before any click, and whenever a page is not a screen the flow knows. The replay
log proves what was sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from automator.language import name_of, normalise, page_language
from automator.sites.coursera import COURSERA
from automator.status import Status
from tests.support.flow import FlowRun
from tests.support.replay import Replay

StartReplay = Callable[..., Replay]
RunFlow = Callable[..., FlowRun]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("pt-br", "pt-BR"),
        ("pt_BR", "pt-BR"),
        ("es-419, es", "es-419"),
        (" ja ", "ja"),
        ("", None),
        (None, None),
        ("12", None),
        ("en US", None),
    ],
)
def test_a_language_tag_is_read_as_bcp47(tag: str | None, expected: str | None) -> None:
    assert normalise(tag) == expected


def test_a_table_serves_its_language_and_the_regions_of_it() -> None:
    assert COURSERA.languages == ("en",)
    assert COURSERA.knows_language("en") and COURSERA.knows_language("en-GB")
    assert not COURSERA.knows_language("ja") and not COURSERA.knows_language("es-419")
    assert (name_of("ja"), name_of("pt-BR"), name_of("xx")) == ("Japanese", "Portuguese", "xx")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("December 14, 2026", "2026-12-14"),
        ("until Dec 8, 2026.", "2026-12-08"),
        ("Sept 30, 2026", "2026-09-30"),
        ("May 1, 2026", "2026-05-01"),
        ("2026", None),
        ("next month", None),
        (None, None),
    ],
)
def test_a_date_as_the_site_writes_it_is_also_kept_as_iso(text: str | None, iso: str | None) -> None:
    assert COURSERA.iso_date(text) == iso


class _Response:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers


def test_the_language_comes_from_the_page_else_from_its_response(page: Page) -> None:
    page.set_content("<html lang='fr-fr'><body>Bonjour</body></html>")
    assert page_language(page, _Response({"content-language": "de"})) == "fr-FR"
    page.set_content("<html><body>Hola</body></html>")
    assert page_language(page, _Response({"content-language": "es-419, es"})) == "es-419"
    assert page_language(page, _Response({})) is None


def _requests(server: Replay) -> list[str]:
    return [f"{e['method']} {e['path']}" for e in server.log_lines() if not e["path"].startswith("/static/")]


def _stopped_on_language(data: dict[str, Any], language: str) -> None:
    assert data["status"] == Status.UNRECOGNIZED_SCREEN.value, data["message"]
    assert data["exit_code"] == Status.UNRECOGNIZED_SCREEN.exit_code
    message = data["message"]
    assert language in message and "English (en)" in message, message
    assert "Nothing was cancelled." in message
    assert "automator/sites/coursera/strings/" in message  # where a table would be added
    assert "set it to English" in message  # and what the person can do now


def test_a_first_page_in_a_language_with_no_table_stops_before_any_click(
    replay: StartReplay, run_flow: RunFlow
) -> None:
    server = replay("variants/language-ja")
    run = run_flow(server, dry_run=True, timeout_s=10)
    data = run.run_json
    _stopped_on_language(data, "Japanese (lang=ja)")
    assert "(step: start)" in data["message"]
    # Nothing but the first page was asked for: no click, no sign-in, and no screen waited for.
    assert _requests(server) == ["GET /"]
    assert [step["name"] for step in data["steps"]] == ["stopped"]
    assert server.destructive() == []


def test_an_account_in_another_language_stops_once_signed_in(replay: StartReplay, run_flow: RunFlow) -> None:
    """Signed out, the site answers in the browser's English; the account's own language
    shows only once signed in. The run stops there, having sent nothing but the sign-in."""
    server = replay("variants/language-de-account")
    run = run_flow(server, approval="yes", timeout_s=10)
    data = run.run_json
    _stopped_on_language(data, "German (lang=de)")
    sent = [request for request in _requests(server) if not request.startswith("GET ")]
    assert sent == ["POST /api/login/v3"]
    assert not any("/account-settings" in request for request in _requests(server))
    assert run.person.asked == []  # nobody was asked to approve anything
    assert server.destructive() == []
