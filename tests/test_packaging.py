"""What an installed automator holds and does outside the repository: the bundled recordings as
package data, `automator demo` from any folder, `automator install-browser`, and metadata
ready to publish. The whole round trip (a fresh venv, `pip install .`, `automator demo` in
another folder) is tests/test_install.py, slow, run nightly."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from email.message import Message
from email.parser import Parser
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

import automator
from automator import cli
from automator.recording import BUNDLED, bundled_recording, load_recording
from automator.sites import default_site
from tests.support.cli import InProcessCli
from tests.support.env import cli_env
from tests.support.paths import FIXTURES, REPO

RECORDINGS = sorted(default_site().recordings.values())  # coursera, languages/es, …
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "automator", "fixtures")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    """The wheel `pip wheel` builds from a clean copy of the sources (a build/ folder left in the
    work tree by an earlier build would otherwise lend the wheel its stale files)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    # With this venv's setuptools (the test extra's): no build environment fetched from the index.
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    wheel = ["wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), str(source)]
    built = subprocess.run([*pip, *wheel], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = (tmp / "dist").glob("automator-*.whl")
    with zipfile.ZipFile(found) as archive:
        yield archive


def _metadata(wheel: zipfile.ZipFile) -> Message:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return Parser().parsestr(wheel.read(name).decode())


def test_the_wheel_holds_each_languages_bundled_recording_and_nothing_of_the_tests(
    wheel: zipfile.ZipFile,
) -> None:
    names = set(wheel.namelist())
    for folder in RECORDINGS:
        source = FIXTURES / folder
        files = sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
        expected = ("recording.json", "contracts/confirm_cancel.aria.yml", "contracts/confirm_cancel.png")
        assert set(expected) <= set(files), files
        missing = [f for f in files if f"automator/_bundled/{folder}/{f}" not in names]
        assert not missing, f"{folder}: {missing[:5]}"
    bundled = [n for n in names if n.startswith("automator/_bundled/")]
    strays = [n for n in bundled if not any(n.startswith(f"automator/_bundled/{f}/") for f in RECORDINGS)]
    assert not strays, strays[:5]  # the tests' variants stay in the repository


def test_the_wheels_recordings_load_where_it_is_unpacked(wheel: zipfile.ZipFile, tmp_path: Path) -> None:
    """The language recordings extend ../../coursera: a path that must hold inside the package."""
    wheel.extractall(tmp_path)
    for folder in RECORDINGS:
        recording = load_recording(tmp_path / "automator" / "_bundled" / folder)
        assert all(d.is_relative_to(tmp_path) for d in recording.directories), recording.directories


def test_the_wheels_metadata_is_ready_to_publish(wheel: zipfile.ZipFile) -> None:
    metadata = _metadata(wheel)
    assert metadata["License-Expression"] == "MIT"
    (licence,) = [n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    assert wheel.read(licence).decode().startswith("MIT License")
    assert metadata["Author"] and metadata["Keywords"]
    assert "Programming Language :: Python :: 3.11" in metadata.get_all("Classifier", [])
    requires = metadata.get_all("Requires-Dist", [])
    assert "playwright~=1.65" in requires, requires  # a compatible release, not one version
    assert len([r for r in requires if r.lower().startswith("pillow")]) == 1, requires
    tools = [r for r in requires if re.match(r"(ruff|mypy|zizmor|check-jsonschema)\b", r)]
    assert not tools, tools  # the developer's tools are a dependency group, not in the package


def test_the_bundled_recordings_are_package_resources() -> None:
    assert Path(str(resources.files("automator") / "_bundled")) == BUNDLED
    assert BUNDLED.is_relative_to(Path(automator.__file__).parent)
    for folder in RECORDINGS:
        assert bundled_recording(folder) is not None, folder


def test_the_demo_walks_the_bundled_recording_from_any_folder_and_changes_nothing(
    run_cli_in_process: InProcessCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out = tmp_path / "demo"
    no_account = {k: v for k, v in cli_env().items() if not k.startswith("COURSERA_")}
    run = run_cli_in_process("demo", "--out", str(out), env=no_account)
    assert run.returncode == 0, run.stderr
    assert json.loads((out / "run" / "run.json").read_text())["status"] == "dry_run_complete"
    assert len(list((out / "run").glob("*.png"))) >= 8 and (out / "run" / "report.html").is_file()
    log = [json.loads(line) for line in (out / "replay-log.jsonl").read_text().splitlines()]
    assert ("POST", "/api/login/v3") in {(e["method"], e["path"]) for e in log}  # the recording's account
    assert not [e for e in log if e["destructive"] or e.get("changes_account")]
    assert f"Report:      {out / 'run' / 'report.html'}" in run.stderr
    assert "(0 destructive requests)" in run.stderr
    assert list((out / "data" / "sessions").iterdir())  # the demo's session is the demo's
    assert not data_dir.exists() and not list(elsewhere.iterdir())  # nothing of the person's touched


def test_the_demo_refuses_a_folder_that_holds_files(run_cli_in_process: InProcessCli, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    run = run_cli_in_process("demo", "--out", str(tmp_path / "full"))
    assert run.returncode == 2 and "is not empty" in run.stderr, run.stderr
    assert (tmp_path / "full" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("args", "command"),
    [
        ([], [sys.executable, "-m", "playwright", "install", "chromium"]),
        (["--with-deps"], [sys.executable, "-m", "playwright", "install", "--with-deps", "chromium"]),
    ],
)
def test_install_browser_runs_playwright_with_this_installations_python(
    monkeypatch: pytest.MonkeyPatch, args: list[str], command: list[str]
) -> None:
    calls: list[list[str]] = []

    def run(cmd: list[str], check: bool) -> subprocess.CompletedProcess[str]:
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(subprocess, "run", run)
    result = CliRunner().invoke(cli.app, ["install-browser", *args])
    assert result.exit_code == 0, result.output
    assert calls == [command]
    assert "automator demo" in result.stderr


def test_a_failed_browser_install_is_an_error_with_its_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subprocess, "run", lambda cmd, check: subprocess.CompletedProcess(cmd, 3))
    result = CliRunner().invoke(cli.app, ["install-browser"])
    assert result.exit_code == 1
    assert "error: playwright install failed (exit 3)" in result.stderr
