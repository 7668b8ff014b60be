"""`automator session export|import`: a saved session moved as one line (for a CI secret), with
its cookies and nothing else, and a run that starts from it signs in without a password."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from automator.session import load_session, session_file
from tests.support import cli_env
from tests.support.cli import InProcessCli, SubprocessCli
from tests.support.replay import Replays


def test_an_exported_session_signs_a_run_in_elsewhere_without_the_password(
    replay: Replays, run_cli_subprocess: SubprocessCli, run_cli_in_process: InProcessCli, tmp_path: Path
) -> None:
    server = replay()
    here = tmp_path / "laptop"
    server.save_signed_in_session(here)
    state, _ = load_session(session_file(here, server.url))
    assert state is not None
    state["origins"] = [{"origin": server.url, "localStorage": [{"name": "k", "value": "page-storage-7c1"}]}]
    session_file(here, server.url).write_text(json.dumps(state))
    laptop = cli_env(AUTOMATOR_DATA_DIR=str(here))
    exported = run_cli_subprocess("session", "export", "--base-url", server.url, env=laptop)
    assert exported.returncode == 0, exported.stderr
    (line,) = exported.stdout.split()
    assert line.startswith("automator-session-v1:") and "page-storage-7c1" not in line
    # On the runner: the line comes in on standard input; no password anywhere.
    imported = run_cli_subprocess("session", "import", "--base-url", server.url, answer=line + "\n")
    assert imported.returncode == 0, imported.stderr
    path = session_file(run_cli_in_process.data_dir, server.url)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    no_password = cli_env(COURSERA_EMAIL="", COURSERA_PASSWORD="")
    run = run_cli_in_process(
        "cancel", "--base-url", server.url, "--dry-run", "--timeout", "10", env=no_password
    )
    assert run.returncode == 0, run.stderr
    assert server.requests_to("POST", "/api/login/v3") == []  # never signed in: the session did
    assert "sign_in" not in [step["name"] for step in run.run_json["steps"]]


def test_export_without_a_session_and_a_damaged_line_are_bad_usage(
    run_cli_subprocess: SubprocessCli,
) -> None:
    none = run_cli_subprocess("session", "export", "--base-url", "http://127.0.0.1:9")
    assert none.returncode == 2 and "automator login" in none.stderr
    for text in ("hello", "automator-session-v1:%%%", "automator-session-v1:e30="):
        bad = run_cli_subprocess("session", "import", "--base-url", "http://127.0.0.1:9", answer=text)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr, bad.stderr
