"""A page in a language the site has no word table for: the run stops at once and says which.

Coursera's language is a setting of the account, and every interface string is translated. A
run that met a Spanish or Japanese page used to wait for an English screen that could not come,
then called it drift. Now the page's own `<html lang>` (or Content-Language) is read: on the
first page, before any click, and whenever a page is not a screen the flow knows. The replay
log proves what was sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from automator.credentials import Credentials
from automator.language import name_of, normalise, page_language
from automator.sites.base import FlowContext
from automator.sites.coursera import COURSERA
from automator.sites.coursera.strings import TABLES
from automator.sites.coursera.subscriptions import parse_row
from automator.status import Status
from tests.support import FIXTURES
from tests.support.flow import FlowRun
from tests.support.profile import all_seeds
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
    assert COURSERA.languages == ("en", "es", "fr", "pt-BR")
    assert [COURSERA.table_for(tag) for tag in ("en-GB", "es-419", "fr-CA", "pt", "pt-BR", "PT-br")] == [
        "en", "es", "fr", "pt-BR", "pt-BR", "pt-BR"
    ]
    assert COURSERA.table_for("ja") is None and COURSERA.table_for("de-DE") is None
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
    assert language in message and "English (en), Spanish (es)" in message, message
    assert "Nothing was cancelled." in message
    assert "automator/sites/coursera/strings/" in message  # where a table would be added
    assert "set it to one of those languages" in message  # and what the person can do now


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


# The languages with a table and a translated recording, with their name as the run says it.
LANGUAGES = {"es": "Spanish", "fr": "French", "pt-BR": "Portuguese"}
# flow: (recording suffix, dry run, approval, status, destructive requests)
FLOWS: dict[str, tuple[str, bool, str | None, Status, int]] = {
    "dry_run": ("", True, None, Status.DRY_RUN_COMPLETE, 0),
    "decline": ("", False, "no", Status.DECLINED, 0),
    "approve": ("", False, "yes", Status.CANCELLED, 1),
    "billed_elsewhere": ("-billed-google-play", False, "yes", Status.BILLED_ELSEWHERE, 0),
    "trial": ("-trial", False, "yes", Status.CANCELLED, 1),
}
# In the suite each flow walks once, in the three languages in turn, scrambled with the seed
# turned (1 or 2); the Spanish account's test below cancels in Spanish. AUTOMATOR_ALL_SEEDS=1
# (or the nightly profile, tests/support/profile.py) walks every flow in every language, plain
# and under eight seeds.
NIGHTLY = all_seeds()
CASES = (
    [(tag, flow, seed) for tag in LANGUAGES for flow in FLOWS for seed in [None, *range(1, 9)]]
    if NIGHTLY
    else [(list(LANGUAGES)[j % len(LANGUAGES)], flow, 1 + j % 2) for j, flow in enumerate(FLOWS)]
)


def _asked_for(server: Replay) -> list[str]:
    """The language each page was asked for in (the first Accept-Language entry)."""
    return [
        e.get("accept_language", "").split(",")[0]
        for e in server.log_lines()
        if e["method"] == "GET" and not e["path"].startswith("/static/")
    ]


@pytest.mark.parametrize(("tag", "flow", "seed"), CASES, ids=[f"{t}-{f}-seed{s}" for t, f, s in CASES])
def test_a_main_flow_in_the_accounts_language(
    replay: StartReplay, run_flow: RunFlow, tag: str, flow: str, seed: int | None
) -> None:
    suffix, dry_run, approval, status, destructive = FLOWS[flow]
    server = replay(f"languages/{tag}{suffix}", scramble=seed)
    run = run_flow(server, dry_run=dry_run, approval=approval, timeout_s=15)
    data = run.run_json
    assert data["status"] == status.value, data["message"]
    sent = server.destructive()
    assert len(sent) == destructive, sent
    if destructive:
        assert run.person.asked_before("approval", sent[0])  # the typed yes came first
    # The first page was asked for in the browser's English; once it said its language, the
    # run went on in a browser created with that language's locale, for every page after.
    locale = TABLES[tag].locale
    asked = _asked_for(server)
    assert asked[0] == "en-US" and asked[1:] and set(asked[1:]) == {locale}, asked
    assert any(f"speaks {LANGUAGES[tag]} here" in info for info in run.person.infos), run.person.infos
    assert "sign_in" in run.person.steps and "stopped" not in run.person.steps
    if flow == "trial":
        assert data["subscription"]["trial"] is True and data["subscription"]["dates"], data["subscription"]
    elif flow != "billed_elsewhere":
        # The site's own words for the dates are kept, and the same dates as YYYY-MM-DD.
        assert data["subscription"]["dates"]["access_until"] == "2026-12-14", data["subscription"]
        assert "2026" in data["subscription"]["access_until"]
    until = "(2026-12-08)" if flow == "trial" else "(2026-12-14)"
    for summary in run.person.summaries:  # the approval prompt: the site's words, and the date
        assert summary.access_until and summary.access_until.endswith(until), summary


def test_an_account_in_a_known_language_is_walked_in_it_once_signed_in(
    replay: StartReplay, run_flow: RunFlow
) -> None:
    """Signed out in English, the account in Spanish: the run signs in with the English words,
    then goes on in a browser created with the Spanish locale and the session it signed in with
    (it does not sign in again), and cancels once, after the typed yes."""
    server = replay("languages/es-account")
    run = run_flow(server, approval="yes", timeout_s=15)
    data = run.run_json
    assert data["status"] == Status.CANCELLED.value, data["message"]
    sent = server.destructive()
    assert len(sent) == 1 and run.person.asked_before("approval", sent[0])
    assert len(server.requests_to("POST", "/api/login/v3")) == 1  # one sign-in, kept across
    asked = _asked_for(server)
    switched = asked.index("es-419")
    assert switched >= 2 and set(asked[:switched]) == {"en-US"} and set(asked[switched:]) == {"es-419"}, asked
    names = [step["name"] for step in data["steps"]]
    assert names[:3] == ["signed_out_home", "sign_in", "signed_in"] and names.count("signed_in") == 1, names
    assert data["subscription"]["dates"]["access_until"] == "2026-12-14"


def _no_credentials() -> Credentials:
    raise AssertionError("a saved session: no credentials are needed")


@pytest.mark.parametrize("tag", ["en", *LANGUAGES])
def test_card_digits_are_masked_and_scrubbed_in_every_language(page: Page, tag: str) -> None:
    """The card's last four digits, as each language writes them ("Visa terminada en 4242"),
    are under a mask in the screenshots and gone from saved pages."""
    folder = FIXTURES / "coursera" if tag == "en" else FIXTURES / "languages" / tag
    html = (folder / "pages" / "subscriptions.html").read_text(encoding="utf-8")
    page.set_content(html)
    assert COURSERA.in_language is not None
    site = COURSERA.in_language(COURSERA.table_for(tag) or "")
    ctx = FlowContext(_no_credentials, None, 1000)
    digits = page.get_by_text(re.compile(r"4242")).last
    box = digits.bounding_box()
    assert box is not None
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    covered = [
        b
        for mask in site.masks(page, ctx)
        for b in (mask.nth(i).bounding_box() for i in range(mask.count()))
        if b and b["x"] <= centre[0] <= b["x"] + b["width"] and b["y"] <= centre[1] <= b["y"] + b["height"]
    ]
    assert covered, f"the card digits on the {tag} page are not under any mask"
    assert "4242" in html and "4242" not in site.scrub(html, ctx)


@pytest.mark.parametrize(
    ("tag", "label", "text"),
    [
        ("en", "Provided by", "Provided by Acme University. Contact your administrator."),
        ("es", "Proporcionado por", "Proporcionado por Acme University. Contacta a tu administrador."),
        ("fr", "Fourni par", "Fourni par Acme University. Contactez votre administrateur."),
        ("pt-BR", "Fornecido por", "Fornecido por Acme University. Fale com o administrador."),
    ],
)
def test_an_organisations_plan_names_it_in_every_language(tag: str, label: str, text: str) -> None:
    strings = TABLES[tag]
    labelled = parse_row("Coursera for Campus", text, False, {label: "Acme University"}, s=strings)
    from_text = parse_row("Coursera for Campus", text, False, {}, s=strings)
    assert (labelled.channel, labelled.provider) == ("organization", "Acme University")
    assert (from_text.channel, from_text.provider) == ("organization", "Acme University")
