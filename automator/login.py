"""`automator login`: the person signs in in a browser window, the tool keeps the session.

For what the tool cannot do by itself: Google, Apple, Facebook or organisation sign-in, a
CAPTCHA, a two-factor prompt. Nothing is typed by the tool, so no secret passes through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.browser import browser_page
from automator.errors import AutomatorError, NeedsHuman
from automator.reach import open_page
from automator.session import load_session, save_session, session_file
from automator.sites import DEFAULT_SITE, site_named


@dataclass(frozen=True)
class LoginSettings:
    base_url: str
    data_dir: Path  # where the session is saved
    headless: bool
    timeout_ms: float
    site: str = DEFAULT_SITE  # a name in automator.sites.SITES


def run_login(settings: LoginSettings, wait_for_person: Callable[[], None]) -> Path:
    """Open the sign-in page, wait for the person, check they are signed in, save the session."""
    try:
        return _login(settings, wait_for_person)
    except PlaywrightError as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise AutomatorError(f"the browser could not sign in at {settings.base_url}: {first}") from exc


def _login(settings: LoginSettings, wait_for_person: Callable[[], None]) -> Path:
    site, base_url, timeout_ms = site_named(settings.site), settings.base_url, settings.timeout_ms
    path = session_file(settings.data_dir, base_url)
    saved, _problem = load_session(path)  # a damaged file is set aside; signing in replaces it
    with browser_page(settings.headless, storage_state=saved) as page:
        page.set_default_timeout(timeout_ms)
        open_page(page, base_url + site.sign_in_path)  # a site never reached says why at once
        wait_for_person()
        marker = site.signed_in_marker(page).first
        if not marker.is_visible():
            open_page(page, base_url + site.start_path)
            try:
                marker.wait_for(state="visible", timeout=timeout_ms)
            except PlaywrightTimeout as exc:
                raise NeedsHuman(
                    f"The browser is not signed in to {site.title}, so nothing was saved. Run "
                    "`automator login` again and finish signing in before pressing Enter."
                ) from exc
        save_session(path, page.context.storage_state())
    return path
