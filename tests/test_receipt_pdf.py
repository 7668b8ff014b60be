"""The receipt's PDF (automator/printing.py): the page's text, selectable, printed by Chromium from
a scrubbed copy in which the screenshot's masks are masked too; the e2e receipt test
(tests/test_e2e_subscriptions.py) reads the one a real cancellation keeps."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from automator.printing import print_copy, with_base

COPY = """<!doctype html><html lang="en"><head><title>Subscriptions</title></head><body>
<header><span class="avatar">DD</span></header>
<p>Your subscription has been cancelled. You won't be charged again.</p>
<img src="https://cdn.example.invalid/photo-of-the-person.jpg" alt="">
<script>document.body.append("a script of the page ran")</script>
</body></html>"""


def _text(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def test_a_headed_run_prints_its_copy_in_a_headless_browser_of_its_own(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visible browser may not print: the copy goes to a headless one, launched for it."""
    kind = page.context.browser.browser_type  # type: ignore[union-attr]
    launched: list[dict[str, Any]] = []
    launch = kind.launch

    def spy(**options: Any) -> Any:
        launched.append(options)
        return launch(**options)

    monkeypatch.setattr(kind, "launch", spy)
    pdf = print_copy(page, COPY, lambda copy: [copy.locator(".avatar")], headless=False)
    assert [options["headless"] for options in launched] == [True]
    text = _text(pdf)
    assert "Your subscription has been cancelled" in text, text
    assert "DD" not in text and "script of the page" not in text, text  # masked; no script ran


def test_a_headless_run_prints_in_its_own_browser() -> None:
    def new_context(**options: Any) -> Any:
        assert options["java_script_enabled"] is False
        raise RuntimeError("printed in the run's own browser")

    own = SimpleNamespace(url="http://127.0.0.1:1/", context=SimpleNamespace(browser=SimpleNamespace(
        new_context=new_context, browser_type=None)))
    with pytest.raises(RuntimeError, match="run's own browser"):
        print_copy(own, COPY, lambda copy: [], headless=True)  # type: ignore[arg-type]


def test_the_copys_links_resolve_against_the_page() -> None:
    assert with_base("<html><head><title>x</title>", "http://h/a?b=1&c=2") == (
        '<html><head><base href="http://h/a?b=1&amp;c=2"><title>x</title>'
    )
    assert with_base("<p>no head</p>", "http://h/") == '<base href="http://h/"><p>no head</p>'
