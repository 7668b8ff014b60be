"""`automator login`: the person signs in in a browser window, the tool keeps the session.

For what the tool cannot do by itself: Google, Apple, Facebook or organisation sign-in, a
CAPTCHA, a two-factor prompt. Nothing is typed by the tool, so no secret passes through it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.browser import browser_page
from automator.errors import AutomatorError, NeedsHuman
from automator.session import load_session, save_session, session_file
from automator.sites import default_site
from automator.sites.base import Site

SIGN_IN_PATH = "/login"


def run_login(
    base_url: str,
    data_dir: Path,
    headless: bool,
    wait_for_person: Callable[[], None],
    timeout_ms: float,
    site: Site | None = None,
) -> Path:
    """Open the sign-in page, wait for the person, check they are signed in, save the session."""
    try:
        return _login(base_url, data_dir, headless, wait_for_person, timeout_ms, site or default_site())
    except PlaywrightError as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise AutomatorError(f"the browser could not sign in at {base_url}: {first}") from exc


def _login(
    base_url: str,
    data_dir: Path,
    headless: bool,
    wait_for_person: Callable[[], None],
    timeout_ms: float,
    site: Site,
) -> Path:
    path = session_file(data_dir, base_url)
    saved, _problem = load_session(path)  # a damaged file is set aside; signing in replaces it
    with browser_page(headless, storage_state=saved) as page:
        page.set_default_timeout(timeout_ms)
        page.goto(base_url + SIGN_IN_PATH)
        wait_for_person()
        marker = site.signed_in_marker(page).first
        if not marker.is_visible():
            page.goto(base_url + site.start_path)
            try:
                marker.wait_for(state="visible", timeout=timeout_ms)
            except PlaywrightTimeout as exc:
                raise NeedsHuman(
                    f"The browser is not signed in to {site.title}, so nothing was saved. Run "
                    "`automator login` again and finish signing in before pressing Enter."
                ) from exc
        save_session(path, page.context.storage_state())
    return path
