"""scripts/_setup.sh, the set-up ./scripts/demo and ./scripts/test share, installs nothing into the
system without first a line saying what and how: run for real in bash, on a machine with no
Chromium and no display, with stand-ins for `id`, `apt-get` and the venv's Python that write to
the same log as the script's own lines, in the order things happen."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.paths import REPO

STUBS = {
    "id": 'echo "$STUB_UID"',
    # Records what it was asked and "installs" the packages named.
    "apt-get": 'echo "APT-GET $*" >> "$LOG"\nfor p in "$@"; do touch "$STATE/$p"; done',
    # The venv's Python: `-m automator.browser [--headless]` finds what was installed.
    "python": """case "$*" in
  "-m automator.browser")
    if [ -f "$STATE/chromium" ]; then echo /usr/bin/chromium
    elif [ -f "$STATE/playwright" ]; then echo "playwright-bundled chromium"
    else exit 1; fi ;;
  "-m automator.browser --headless")
    if [ -f "$STATE/chromium-headless-shell" ]; then echo /usr/bin/chromium-headless-shell
    elif [ -f "$STATE/chromium" ]; then echo /usr/bin/chromium
    else exit 1; fi ;;
  "-m automator install-browser") echo "PLAYWRIGHT-INSTALL" >> "$LOG"; touch "$STATE/playwright" ;;
  *) exit 9 ;;
esac""",
}
TOOLS = ("dirname", "mktemp", "cat", "rm", "touch", "env")  # what the script runs besides the stand-ins


def _set_up(tmp_path: Path, uid: str) -> list[str]:
    bin_dir, state, log = tmp_path / "bin", tmp_path / "state", tmp_path / "log"
    bin_dir.mkdir()
    state.mkdir()
    for name, body in STUBS.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    env = {"PATH": str(bin_dir), "LOG": str(log), "STATE": str(state), "STUB_UID": uid, "HOME": str(tmp_path)}
    setup, python = REPO / "scripts" / "_setup.sh", bin_dir / "python"
    script = f"source {setup}; PY={python}; ensure_browser; ensure_display"
    with log.open("ab") as stderr:
        done = subprocess.run(
            ["/bin/bash", "-c", script], env=env, stderr=stderr, stdout=subprocess.DEVNULL, timeout=30
        )
    lines = log.read_text().splitlines()
    assert done.returncode == 0, lines
    assert not [line for line in lines if "command not found" in line], lines
    return lines


def _said_before(lines: list[str], index: int) -> str:
    said = [line for line in lines[:index] if line.startswith("==>")]
    return said[-1] if said else ""


@pytest.mark.skipif(os.name != "posix", reason="bash and POSIX stand-ins")
def test_as_root_each_system_package_is_named_before_apt_gets_it(tmp_path: Path) -> None:
    lines = _set_up(tmp_path, uid="0")
    installs = [(i, line.split()[-1]) for i, line in enumerate(lines) if line.startswith("APT-GET install")]
    assert [package for _, package in installs] == ["chromium", "chromium-headless-shell", "xvfb"], lines
    for index, package in installs:
        said = _said_before(lines, index).lower()
        assert f"{package} with apt-get" in said and "system package" in said, (package, lines)
    updates = [i for i, line in enumerate(lines) if line.startswith("APT-GET update")]
    assert updates and all("with apt-get" in _said_before(lines, i) for i in updates), lines
    assert "needs root" in lines[updates[0] - 1], lines


@pytest.mark.skipif(os.name != "posix", reason="bash and POSIX stand-ins")
def test_without_root_nothing_goes_into_the_system_and_the_download_is_said_first(tmp_path: Path) -> None:
    lines = _set_up(tmp_path, uid="1000")
    assert not [line for line in lines if line.startswith("APT-GET")], lines
    index = lines.index("PLAYWRIGHT-INSTALL")
    assert "downloading Playwright's Chromium" in _said_before(lines, index), lines
    assert any("No display and no Xvfb" in line for line in lines), lines
