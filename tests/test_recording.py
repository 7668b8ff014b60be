"""Loading recordings: the base, variants that extend it, and malformed folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from automator.errors import RecordingError
from automator.recording import load_recording
from automator.replay import resolve
from tests.support import BASE, FIXTURES


def _write(directory: Path, manifest: dict[str, Any], pages: dict[str, str] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "recording.json").write_text(json.dumps(manifest))
    for name, text in (pages or {}).items():
        (directory / "pages").mkdir(exist_ok=True)
        (directory / "pages" / name).write_text(text)
    return directory


def test_base_recording_loads_with_its_demo_account() -> None:
    recording = load_recording(BASE)
    assert recording.account.email == "demo.learner@example.com"
    assert recording.state == {"subscription": "active"}
    assert "POST /api/subscriptions/v1/cancel" in recording.routes
    assert recording.routes["POST /api/subscriptions/v1/cancel"].destructive


@pytest.mark.parametrize(
    "variant", sorted(p.parent.name for p in (FIXTURES / "variants").glob("*/recording.json"))
)
def test_every_bundled_variant_loads_on_the_base(variant: str) -> None:
    recording = load_recording(FIXTURES / "variants" / variant)
    assert recording.directories[-1] == BASE.resolve()
    assert recording.account.email == "demo.learner@example.com"


@pytest.mark.parametrize(
    "language", sorted(p.parent.name for p in (FIXTURES / "languages").glob("*/recording.json"))
)
def test_every_translated_recording_loads_on_the_base_and_declares_its_language(language: str) -> None:
    """Every page a translated recording holds says its language, as the run reads it."""
    recording = load_recording(FIXTURES / "languages" / language)
    assert recording.directories[-1] == BASE.resolve()
    tag = language.split("-account")[0].removesuffix("-billed-google-play").removesuffix("-trial")
    own = [d / "pages" for d in recording.directories[:-1]]
    pages = [page for folder in own for page in folder.glob("*.html")]
    assert pages
    # An "-account" recording is English until signed in: its own home and sign-in pages.
    signed_out = {own[0] / "home-signed-out.html", own[0] / "login.html"}
    english = signed_out if language.endswith("-account") else set()
    for page in pages:
        expected = "en" if page in english else tag
        assert f'<html lang="{expected}">' in page.read_text(encoding="utf-8"), page


def test_variant_overrides_only_what_it_names(tmp_path: Path) -> None:
    variant = _write(
        tmp_path / "v",
        {
            "name": "v",
            "extends": str(BASE),
            "state": {"subscription": "cancelled"},
            "account": {"full_name": "Other Name"},
            "routes": {"GET /my-purchases": None, "GET /new": {"page": "new.html"}},
        },
        {"home.html": "<h1>override</h1>", "new.html": "<h1>new</h1>"},
    )
    recording = load_recording(variant)
    assert recording.state["subscription"] == "cancelled"
    assert recording.account.full_name == "Other Name"
    assert recording.account.email == "demo.learner@example.com"  # inherited
    assert "GET /my-purchases" not in recording.routes
    assert recording.find_file("pages", "new.html") == (variant / "pages" / "new.html").resolve()
    home = recording.find_file("pages", "home.html")
    assert home is not None and home.read_text() == "<h1>override</h1>"
    assert recording.find_file("pages", "login.html") == (BASE / "pages" / "login.html").resolve()


def test_a_variant_can_change_one_error_message(tmp_path: Path) -> None:
    variant = _write(
        tmp_path / "v",
        {"name": "v", "extends": str(BASE), "account": {"errors": {"wrong_password": "Nope."}}},
    )
    errors = load_recording(variant).account.errors
    assert errors["wrong_password"] == "Nope."
    assert errors["unknown_email"].startswith("We couldn't find an account")


def test_files_outside_the_recording_are_never_served(tmp_path: Path) -> None:
    recording = load_recording(BASE)
    assert recording.find_file("pages", "../recording.json") is None
    assert recording.find_file("static", "../../../pyproject.toml") is None


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ({"name": "x", "routs": {}}, "routs: Extra inputs are not permitted"),
        ({"name": "x", "routes": {"GET /": {"pag": "a.html"}}}, "routes.GET /.pag: Extra inputs"),
        ({"name": "x", "routes": {"FETCH /": {}}}, "must look like 'GET /path'"),
        (
            {
                "name": "x",
                "routes": {"GET /": {"page": "missing.html"}},
                "account": {"email": "a", "password": "b"},
            },
            "names page 'missing.html'",
        ),
        ({"name": "x", "routes": {"POST /x": {"action": "delete-everything"}}}, "action must be"),
        ({"routes": {}}, "name: Field required"),
        ({"name": "x"}, "account.email: Field required"),
        ({"name": "x", "account": {"email": "a"}}, "account.password: Field required"),
        (
            {"name": "x", "routes": {"GET /": {"page": "a.html", "redirect": "/"}}},
            "one body, not page and redirect",
        ),
    ],
)
def test_malformed_manifests_say_what_is_wrong(
    tmp_path: Path, manifest: dict[str, Any], message: str
) -> None:
    with pytest.raises(RecordingError) as info:
        load_recording(_write(tmp_path / "bad", manifest))
    assert message in str(info.value)


def test_not_a_recording_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(RecordingError, match=r"has no recording\.json"):
        load_recording(tmp_path)
    (tmp_path / "recording.json").write_text("{nope")
    with pytest.raises(RecordingError, match="cannot be read as JSON"):
        load_recording(tmp_path)


def test_extends_loop_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "a", {"name": "a", "extends": "../b"})
    _write(tmp_path / "b", {"name": "b", "extends": "../a"})
    with pytest.raises(RecordingError, match="loops back"):
        load_recording(tmp_path / "a")


def test_a_copied_recording_is_self_contained(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(BASE, copy)
    assert load_recording(copy).routes.keys() == load_recording(BASE).routes.keys()


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"signed_in": "false"}, {"page": "home-signed-out.html"}),
        ({"signed_in": "true"}, {"page": "home.html"}),
    ],
)
def test_cases_pick_the_page_by_state(state: dict[str, str], expected: dict[str, str]) -> None:
    response = resolve(load_recording(BASE).routes["GET /"], state)
    assert response.page == expected["page"]


def test_a_case_replaces_the_body_and_the_destructive_mark() -> None:
    route = load_recording(BASE).routes["POST /api/subscriptions/v1/cancel"]
    active = resolve(route, {"subscription": "active"})
    assert active.destructive and active.set == {"subscription": "cancelled"}
    done = resolve(route, {"subscription": "cancelled"})
    assert not done.destructive and done.status == 409 and done.set == {}
    redirect = resolve(load_recording(BASE).routes["GET /login"], {"signed_in": "true"})
    assert redirect.redirect == "/" and redirect.page is None
