"""Which browser is launched, and with what."""

from __future__ import annotations

from pathlib import Path

import pytest

from automator.browser import choose_browser, display_available, launch_options
from automator.errors import ConfigError


def test_automator_browser_overrides_everything(tmp_path: Path) -> None:
    chrome = tmp_path / "my-chrome"
    chrome.write_text("")
    assert choose_browser("/bundled/chrome", {"AUTOMATOR_BROWSER": str(chrome)}) == str(chrome)


def test_a_missing_override_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not name a browser"):
        choose_browser(None, {"AUTOMATOR_BROWSER": str(tmp_path / "nothing")})


def test_playwrights_own_browser_comes_before_a_system_one() -> None:
    assert choose_browser("/bundled/chrome", {}) is None  # None: launch Playwright's own


def test_a_headless_run_prefers_the_headless_shell_and_a_headed_one_never_gets_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("chromium", "chromium-headless-shell"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert choose_browser(None, {}, headless=True) == str(tmp_path / "chromium-headless-shell")
    assert choose_browser(None, {}, headless=False) == str(tmp_path / "chromium")
    assert choose_browser("/bundled/chrome", {}, headless=True) is None  # Playwright brings its own
    (tmp_path / "chromium-headless-shell").unlink()
    assert choose_browser(None, {}, headless=True) == str(tmp_path / "chromium")  # the full one will do


def test_launch_flags_keep_chromium_quiet_and_work_as_root_without_a_display() -> None:
    options = launch_options("/usr/bin/chromium", headless=True, env={})
    for flag in ("--disable-background-networking", "--disable-component-update", "--no-first-run"):
        assert flag in options["args"]
    assert options["executable_path"] == "/usr/bin/chromium" and options["headless"] is True
    assert not any(a.startswith("--remote-debugging-port") for a in options["args"])
    debug = launch_options(None, headless=False, env={"AUTOMATOR_DEVTOOLS_PORT": "9333"})
    assert "--remote-debugging-port=9333" in debug["args"] and "executable_path" not in debug


@pytest.mark.parametrize(
    ("env", "shown"), [({}, False), ({"DISPLAY": ":0"}, True), ({"WAYLAND_DISPLAY": "w"}, True)]
)
def test_a_display_is_detected_on_linux(
    env: dict[str, str], shown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    assert display_available(env) is shown


def test_no_chromium_found_says_how_to_get_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no system Chromium on it, and none of Playwright's
    with pytest.raises(ConfigError, match=r"^No Chromium found\. .*`automator install-browser`") as raised:
        choose_browser(None, {})
    assert "apt-get install chromium" in str(raised.value) and "AUTOMATOR_BROWSER" in str(raised.value)
