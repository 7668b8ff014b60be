"""Finding and launching Chromium: a Playwright-installed browser if present, else a system one.

`python -m automator.browser` prints the browser that would be used (exit 1 when none),
which is how scripts/demo and scripts/test decide whether to install one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from automator.errors import ConfigError

BROWSER_ENV = "AUTOMATOR_BROWSER"
# Opens Chromium's DevTools port on 127.0.0.1 so a person (or a test acting as one) can look at
# and use the tool's own browser window. Anything on this machine can then drive that browser,
# signed-in session included: set it only while debugging.
DEVTOOLS_PORT_ENV = "AUTOMATOR_DEVTOOLS_PORT"
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# For a headless run, Chromium's headless shell where it is installed (Debian's
# chromium-headless-shell): what Playwright itself launches for headless runs, and about half the
# CPU of the full browser, which draws a whole browser window nobody sees.
HEADLESS_SHELLS = ("chromium-headless-shell",)
# Without these, Chromium phones home at start and floods a closed network with failures.
QUIET_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
)


def bundled_chromium(playwright: Any) -> str | None:
    """The Chromium that `playwright install` put on this machine, if it did."""
    return installed_executable(playwright.chromium)


def installed_executable(browser_type: Any) -> str | None:
    """The executable that `playwright install` put on this machine for `browser_type`, if any."""
    try:
        path = browser_type.executable_path
    except Exception:
        return None
    return path if path and Path(path).is_file() else None


def choose_browser(
    bundled: str | None, env: dict[str, str] | None = None, headless: bool = False
) -> str | None:
    """The executable to launch: $AUTOMATOR_BROWSER, else Playwright's own, else a system Chromium
    (for a headless run, its headless shell first).

    None means "Playwright's bundled browser"; raises ConfigError when nothing usable exists.
    """
    env = dict(os.environ) if env is None else env
    override = env.get(BROWSER_ENV)
    if override:
        path = shutil.which(override) or override
        if not Path(path).is_file():
            raise ConfigError(f"{BROWSER_ENV}={override} does not name a browser executable")
        return path
    if bundled:
        return None  # Playwright picks its own headless shell for a headless run
    for name in (*HEADLESS_SHELLS, *SYSTEM_CHROMIUMS) if headless else SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    raise ConfigError(
        "No Chromium found. Install Playwright's with `automator install-browser`, or a system "
        f"one (Debian/Ubuntu: apt-get install chromium), or set {BROWSER_ENV} to its path."
    )


def display_available(env: dict[str, str] | None = None) -> bool:
    """Whether a headed browser can be shown: always on macOS/Windows, a display on Linux."""
    env = dict(os.environ) if env is None else env
    if sys.platform != "linux":
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def launch_options(
    executable: str | None, headless: bool, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Keyword arguments for `chromium.launch`; works as root in a container with no display."""
    env = dict(os.environ) if env is None else env
    args = list(QUIET_ARGS)
    port = env.get(DEVTOOLS_PORT_ENV, "")
    if port.isdigit():
        args.append(f"--remote-debugging-port={port}")
    if headless:
        args.append("--disable-gpu")  # nothing to show: software compositing only costs CPU
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    # Ctrl-C is the tool's to handle: the driver must not close the browser under it before the
    # run has saved its evidence and said what became of the account.
    options: dict[str, Any] = {"headless": headless, "args": args, "handle_sigint": False}
    if executable:
        options["executable_path"] = executable
    return options


@contextmanager
def browser_page(
    headless: bool,
    *,
    storage_state: dict[str, Any] | None = None,
    viewport: tuple[int, int] = (1280, 800),
    browser: Any = None,
    locale: str = "en-US",
) -> Iterator[Any]:
    """Launch → context → page, all closed in `finally` whatever happens inside.

    With `browser` (an already launched Playwright Browser) only a fresh context is made on
    it, and closed: many runs in one process share one browser, each with its own cookies.
    `locale` sets the language the browser asks for and says it speaks, both alike.
    """
    if browser is not None:
        with _page_in(browser, storage_state, viewport, locale) as page:
            yield page
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        executable = choose_browser(bundled_chromium(p), headless=headless)
        launched = p.chromium.launch(**launch_options(executable, headless))
        try:
            with _page_in(launched, storage_state, viewport, locale) as page:
                yield page
        finally:
            launched.close()


@contextmanager
def _page_in(
    browser: Any, storage_state: dict[str, Any] | None, viewport: tuple[int, int], locale: str
) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        locale=locale,  # never extra_http_headers: the header and navigator.language agree
        timezone_id="UTC",
        storage_state=storage_state,
        # A service worker's own requests would pass the guard's routing unseen.
        service_workers="block",
    )
    try:
        page = context.new_page()
        _attach_stopper(page)
        yield page
    finally:
        context.close()


@contextmanager
def clean_interrupts() -> Iterator[None]:
    """Ctrl-C that lands while Playwright is working is raised at a clean point of its loop.

    Python raises KeyboardInterrupt wherever the main thread happens to be: in Playwright's
    event loop halfway through a message from the driver, or in an event listener, after
    which the next call can wait forever. This handler raises it directly in the tool's own
    code (a prompt, say), and otherwise schedules it as the loop's next callback, which
    Playwright hands to the call that is waiting.
    """
    import asyncio
    import signal
    import threading

    import greenlet

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_interrupt() -> None:
        raise KeyboardInterrupt

    def on_sigint(signum: int, frame: Any) -> None:
        loop = asyncio._get_running_loop()
        if loop is None or greenlet.getcurrent().parent is None:
            raise KeyboardInterrupt
        loop.call_soon_threadsafe(raise_interrupt)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# One DevTools session per page, attached while the page is healthy and never detached (the
# context's close ends it). Attaching or detaching later, in the middle of a navigation that
# never ends, can wait forever: detaching first asks the renderer to run, and nothing answers.
_STOPPERS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
STOP_TIMEOUT_MS = 5000


def _attach_stopper(page: Any) -> None:
    from playwright.sync_api import Error as PlaywrightError

    with contextlib.suppress(PlaywrightError):  # not Chromium: stop_loading does nothing
        _STOPPERS[page] = page.context.new_cdp_session(page)


def stop_loading(page: Any) -> None:
    """Stop a page that never finishes loading, so it can be read, screenshotted and saved as is.

    Through the browser (CDP), not the page: while a navigation is pending, Playwright calls
    that need the page's script context (evaluate, is_visible, content) wait without a timeout.
    Bounded: a browser that does not answer within STOP_TIMEOUT_MS is left as it is.
    """
    from playwright.sync_api import Error as PlaywrightError

    session = _STOPPERS.get(page)
    if session is None:
        return
    with contextlib.suppress(PlaywrightError):
        session.send("Page.stopLoading", timeout=STOP_TIMEOUT_MS)


def page_html(page: Any) -> str:
    """The page's HTML as it is now, even while a navigation is pending.

    While a load the site never answers is pending (a script may start one just after a run
    has stopped), the page answers nothing: `page.content()` then waits without a timeout,
    and the browser's DOM agent (CDP) does not answer either. So the DOM agent is asked,
    bounded by STOP_TIMEOUT_MS, and if it gives no answer the load is stopped and it is asked
    again. Without a DevTools session (not Chromium), `page.content()`.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    session = _STOPPERS.get(page)
    if session is None:
        return str(page.content())

    def read() -> str:
        root = session.send("DOM.getDocument", {"depth": 0}, timeout=STOP_TIMEOUT_MS)["root"]
        html = session.send("DOM.getOuterHTML", {"nodeId": root["nodeId"]}, timeout=STOP_TIMEOUT_MS)
        return str(html["outerHTML"])

    try:
        return read()
    except PlaywrightTimeout:
        stop_loading(page)
        return read()


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    headless = "--headless" in (sys.argv[1:] if argv is None else argv)
    try:
        with sync_playwright() as p:
            path = choose_browser(bundled_chromium(p), headless=headless)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(path or "playwright-bundled chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
