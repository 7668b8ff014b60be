"""What a person who never cloned the repository gets: `pip install .` (what pipx and `uv tool
install` do, into a venv of their own) into a fresh venv outside the repository, then
`automator demo` from another folder, with nothing of the repository on the path.

Slow (the package and its dependencies come from the package index, a minute or so), so it runs
only with AUTOMATOR_INSTALL_TEST=1, as the nightly CI job runs it. The cheap half, that the
wheel holds the bundled recordings, is tests/test_packaging.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import REPO

pytestmark = pytest.mark.skipif(
    os.environ.get("AUTOMATOR_INSTALL_TEST") != "1",
    reason="slow: installs automator and its dependencies in a fresh venv; AUTOMATOR_INSTALL_TEST=1 runs it",
)


Done = subprocess.CompletedProcess[str]


def _run(*cmd: str | Path, cwd: Path, env: dict[str, str], timeout: float) -> Done:
    args = [str(c) for c in cmd]
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)}: {done.stdout}\n{done.stderr}"
    return done


@pytest.mark.timeout(900)
def test_an_installed_automator_runs_its_demo_from_any_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Nothing of the repository: no PYTHONPATH, and a data folder of its own (the default out).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "AUTOMATOR_", "COURSERA_"))}
    env |= {"XDG_DATA_HOME": str(tmp_path / "xdg"), "NO_COLOR": "1"}
    if "AUTOMATOR_BROWSER" in os.environ:
        env["AUTOMATOR_BROWSER"] = os.environ["AUTOMATOR_BROWSER"]
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=elsewhere, env=env, timeout=120)
    pip = (venv / "bin" / "python", "-m", "pip", "--disable-pip-version-check")
    _run(*pip, "install", "-q", REPO, cwd=elsewhere, env=env, timeout=800)  # a wheel, not editable

    done = _run(venv / "bin" / "automator", "demo", cwd=elsewhere, env=env, timeout=300)
    replayed = re.search(r"against the recording (\S+), replayed", done.stderr)
    assert replayed and Path(replayed.group(1)).is_relative_to(venv), done.stderr  # the installed copy
    report = re.search(r"Report: +(\S+)", done.stderr)
    assert report and Path(report.group(1)).is_file(), done.stderr
    assert Path(report.group(1)).is_relative_to(tmp_path / "xdg" / "automator"), report.group(1)
    assert "dry_run_complete" in done.stderr and "(0 destructive requests)" in done.stderr
    assert not list(elsewhere.iterdir())
