"""Masks cover what is personal and can be seen, never the dialog the person must read (issue 14).

Each test shoots the recorded final dialog through the run's own Camera, on the worker's page
(the recording's page and stylesheet put in with set_content: no server), and reads the pixels.
The payment method on the page behind lies under the dialog: its mask used to be painted over
the dialog, on the price.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import FloatRect, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.credentials import Credentials
from automator.evidence import Camera
from automator.masks import masked_screenshot
from automator.personal import EMAIL_SHAPE
from automator.recording import load_recording
from automator.replay.render import fill_placeholders
from automator.sites.base import FlowContext
from automator.sites.coursera import COURSERA
from tests.support import BASE, DEMO_EMAIL, DEMO_PASSWORD, FIXTURES
from tests.support.pixels import MASK, masked_pixels
from tests.support.replay import Replays

FINAL_DIALOG = {tag: FIXTURES / "languages" / tag for tag in ("es", "fr", "pt-BR")} | {"en": BASE}


def _final_dialog(page: Page, tag: str = "en") -> None:
    recording = load_recording(FINAL_DIALOG[tag])
    found = recording.find_file("pages", "cancel-confirm.html")
    css = recording.find_file("static", "site.css")
    assert found is not None and css is not None
    page.set_content(fill_placeholders(found.read_text(encoding="utf-8"), recording))
    page.add_style_tag(path=css)


def _shoot(page: Page, tmp_path: Path, tag: str = "en") -> Image.Image:
    assert COURSERA.in_language is not None
    site = COURSERA.in_language(COURSERA.table_for(tag) or "")
    ctx = FlowContext(lambda: Credentials(DEMO_EMAIL, DEMO_PASSWORD, "environment"), None, 1000)
    ctx.credentials()  # as after a sign-in: the email is masked too
    file = Camera(page, tmp_path, site, ctx, loading=lambda: False)("confirm_cancel")
    assert file is not None
    return Image.open(tmp_path / file).convert("RGB")


def _box(page: Page, selector: str) -> FloatRect:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _email_on_the_page(page: Page, place: str) -> FloatRect:
    """The account's email in a 200-pixel-wide paragraph of the page, outside the dialog, at `place`."""
    page.evaluate(
        "([place, email]) => document.body.insertAdjacentHTML("
        "'beforeend', `<p id=placed style='margin:0; width:200px; ${place}'>${email}</p>`)",
        [place, DEMO_EMAIL],
    )
    return _box(page, "#placed")


def _centre(box: FloatRect, dx: float = 0) -> tuple[int, int]:
    return int(box["x"] + box["width"] / 2 + dx), int(box["y"] + box["height"] / 2)


@pytest.mark.parametrize("tag", sorted(FINAL_DIALOG))
def test_the_final_dialog_holds_no_mask_while_what_the_backdrop_shows_is_masked(
    page: Page, tmp_path: Path, tag: str
) -> None:
    """In every language: the card digits behind lie under the dialog (so the old mask was on
    it), the dialog holds no mask colour, and the avatar the backdrop leaves visible is masked."""
    _final_dialog(page, tag)
    dialog, card = _box(page, "[role=dialog]"), _box(page, "dd:has-text('4242')")
    assert dialog["x"] < card["x"] and card["x"] + card["width"] < dialog["x"] + dialog["width"]
    assert dialog["y"] < card["y"] and card["y"] + card["height"] < dialog["y"] + dialog["height"]
    shot = _shoot(page, tmp_path, tag)
    assert masked_pixels(shot, dialog) == 0, f"{tag}: a mask lies on the final dialog"
    assert shot.getpixel(_centre(_box(page, '[data-e2e="header-profile"]'))) == MASK


def test_personal_data_in_the_dialog_is_masked_and_a_page_field_half_under_it_only_where_it_shows(
    page: Page, tmp_path: Path
) -> None:
    _final_dialog(page)
    page.locator(".summary").evaluate(
        "(p, email) => p.insertAdjacentHTML('afterend', `<p id=mail>A receipt goes to ${email}</p>`)",
        DEMO_EMAIL,
    )
    dialog = _box(page, "[role=dialog]")
    # A field on the page behind, straddling the dialog's left edge.
    x, y = dialog["x"], dialog["y"]
    half = _email_on_the_page(page, f"position:absolute; left:{x - 100}px; top:{y + 80}px")
    shot = _shoot(page, tmp_path)
    mail, price = _box(page, "#mail"), _box(page, ".summary")
    assert shot.getpixel(_centre(mail)) == MASK, "the email inside the dialog is not masked"
    assert shot.getpixel(_centre(half, dx=-50)) == MASK, "the visible half of the page's field is not masked"
    assert shot.getpixel(_centre(half, dx=50)) != MASK, "the half under the dialog is masked over it"
    assert masked_pixels(shot, price) == 0


@pytest.mark.parametrize("doubt", ["see-through dialog", "field above the dialog", "fonts loading"])
def test_in_doubt_a_page_mask_stays_whole(
    page: Page, tmp_path: Path, doubt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dialog that lets the page show through hides nothing: the card digits behind it stay
    masked. Nor does an opaque one hide a personal field painted above it. And while the fonts
    are loading (the text may move), every mask is a whole box, as Playwright draws it."""
    _final_dialog(page)
    dialog = _box(page, "[role=dialog]")
    box = _box(page, "dd:has-text('4242')")
    if doubt == "see-through dialog":
        page.add_style_tag(content=".modal { background: rgba(255, 255, 255, .92); }")
    elif doubt == "fonts loading":
        monkeypatch.setattr("automator.masks.FONTS_MS", 50)
        page.evaluate("Object.defineProperty(document.fonts, 'ready', {get: () => new Promise(() => {})})")
    else:
        x, y = dialog["x"], dialog["y"]
        box = _email_on_the_page(page, f"position:fixed; z-index:99; left:{x + 40}px; top:{y + 150}px")
    shot = _shoot(page, tmp_path)
    assert shot.getpixel(_centre(box)) == MASK, f"{doubt}: the field is not masked"


def test_a_capture_while_a_navigation_is_pending_gives_up_in_its_own_time(
    page: Page, replay: Replays, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a load the site never answers is pending, the page answers nothing, and a measuring
    call without a timeout would wait for good (a stopped run hung on it after Ctrl-C)."""
    monkeypatch.setattr("automator.masks.SETTLE_MS", 200)
    server = replay(faults=["hang:GET /login"])
    page.goto(server.url + "/")
    page.get_by_role("link", name="Log In").click(no_wait_after=True)
    assert server.state.wait_for_request("GET", "/login", timeout=5)
    started = time.monotonic()
    with pytest.raises(PlaywrightTimeout):
        masked_screenshot(page, [page.get_by_text(EMAIL_SHAPE)], tmp_path / "shot.png", 300)
    assert time.monotonic() - started < 3
