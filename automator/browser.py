"""Finding and launching Chromium: a Playwright-installed browser if present, else a system one.

`python -m automator.browser` prints the browser that would be used (exit 1 when none),
which is how scripts/demo and scripts/test decide whether to install one.
"""

from __future__ import annotations

import os
import shutil
import sys
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
    try:
        path = playwright.chromium.executable_path
    except Exception:
        return None
    return path if path and Path(path).is_file() else None


def choose_browser(bundled: str | None, env: dict[str, str] | None = None) -> str | None:
    """The executable to launch: $AUTOMATOR_BROWSER, else Playwright's own, else a system Chromium.

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
        return None
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    raise ConfigError(
        "No Chromium found. Install one (Debian/Ubuntu: apt-get install chromium; "
        "anywhere: python -m playwright install chromium) or set "
        f"{BROWSER_ENV} to its path."
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
    options: dict[str, Any] = {"headless": headless, "args": args}
    if executable:
        options["executable_path"] = executable
    return options


@contextmanager
def browser_page(
    headless: bool, *, storage_state: dict[str, Any] | None = None, viewport: tuple[int, int] = (1280, 800)
) -> Iterator[Any]:
    """Launch → context → page, all closed in `finally` whatever happens inside."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        executable = choose_browser(bundled_chromium(p))
        browser = p.chromium.launch(**launch_options(executable, headless))
        try:
            context = browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]},
                locale="en-US",
                timezone_id="UTC",
                storage_state=storage_state,  # type: ignore[arg-type]
            )
            try:
                yield context.new_page()
            finally:
                context.close()
        finally:
            browser.close()


def main() -> int:
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            path = choose_browser(bundled_chromium(p))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(path or "playwright-bundled chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
