"""The GitHub Actions workflows, checked offline: GitHub's workflow schema (check-jsonschema's
vendored copy), zizmor's offline audits, a few structural rules read with PyYAML, and the
flow-check steps' shell scripts run for real with stand-ins for `automator` and `gh`.

Nothing here reaches the network: check-jsonschema ships the schema and zizmor runs with
--offline (its online audits, which ask GitHub about the pinned commits, are skipped)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
FLOW_CHECK = WORKFLOWS / "flow-check.yml"
ALL = [CI, FLOW_CHECK]
# The tools come with the dev dependency group, next to the interpreter running the tests (.venv/bin).
BIN = Path(sys.executable).parent

SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is missing from {BIN}: install the dev group (pip install --group dev)"
    return str(path)


def load(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict), f"{path} is not a mapping"
    # PyYAML reads YAML 1.1, where a bare `on` is the boolean true.
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def walk(node: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    """Every (path, value) in the document; keys too, as values at "<path><key>"."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{where}.{key}<key>", key
            yield from walk(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{where}[{index}]")
    else:
        yield where, node


def steps(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in doc["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def step_by_name(doc: dict[str, Any], job_id: str, start: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [
        s for s in doc["jobs"][job_id]["steps"] if s.get("name", "").startswith(start)
    ]
    assert len(found) == 1, f"one step of {job_id} named {start!r}..., found {len(found)}"
    return found[0]


def check_step(doc: dict[str, Any]) -> dict[str, Any]:
    found = [s for _, s in steps(doc) if s.get("id") == "check"]
    assert len(found) == 1
    return found[0]


# --- the tools -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_matches_githubs_workflow_schema(path: Path) -> None:
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


ZIZMOR_FLAGS = [
    "--offline",  # no network: only the audits that need none
    "--no-config",  # suppressions only inline, next to their reason (see the test below)
    "--strict-collection",  # a file zizmor cannot read fails the run instead of being skipped
    "--persona",
    "pedantic",  # the strictest persona short of "auditor", whose extra findings may be false
    "--no-progress",
    "--color",
    "never",
]


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [tool("zizmor"), *ZIZMOR_FLAGS, *map(str, ALL)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout + result.stderr


def test_the_validators_do_reject_a_bad_workflow(tmp_path: Path) -> None:
    """Neither tool passes everything: a file with a schema error, an unpinned action and a
    template injection fails both."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "name: bad\n"
        "on: issues\n"
        "jobs:\n"
        "  x:\n"
        "    runs-on: ubuntu-latest\n"
        "    timeout-minutes: five\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "${{ github.event.issue.title }}"\n'
    )
    schema = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert schema.returncode != 0 and "timeout-minutes" in schema.stdout + schema.stderr
    bad.write_text(bad.read_text().replace("timeout-minutes: five", "timeout-minutes: 5"))
    audit = subprocess.run(
        [tool("zizmor"), *ZIZMOR_FLAGS, str(bad)], capture_output=True, text=True, timeout=120
    )
    assert audit.returncode != 0
    assert "template-injection" in audit.stdout and "unpinned-uses" in audit.stdout, audit.stdout
    # A file zizmor cannot read is an error, not a silent skip beside a good one.
    bad.write_text(bad.read_text().replace("runs-on:", "runs-onn:"))
    skipped = subprocess.run(
        [tool("zizmor"), *ZIZMOR_FLAGS, str(CI), str(bad)], capture_output=True, text=True, timeout=120
    )
    assert skipped.returncode != 0, skipped.stdout + skipped.stderr


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_zizmor_suppression_says_why(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        match = re.search(r"#\s*zizmor:\s*ignore\[[^\]]*\](.*)", line)
        if not match:
            continue
        reason_here = match.group(1).strip(" -:")
        reason_above = number > 0 and lines[number - 1].strip().startswith("#")
        assert reason_here or reason_above, f"{path.name}:{number + 1}: a zizmor ignore without a reason"


# --- structure -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    doc = load(path)
    uses = [v for where, v in walk(doc) if where.endswith(".uses") and isinstance(v, str)]
    assert uses
    for ref in uses:
        assert SHA_PIN.match(ref), f"{ref} is not pinned to a full commit SHA"
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*(-\s+)?uses:", line):
            assert re.search(r"@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$", line), f"no version comment: {line}"


def test_both_workflows_pin_the_same_commits() -> None:
    pins: dict[str, set[str]] = {}
    for path in ALL:
        for where, value in walk(load(path)):
            if where.endswith(".uses"):
                action, sha = value.split("@")
                pins.setdefault(action, set()).add(sha)
    assert all(len(shas) == 1 for shas in pins.values()), pins


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_basics_every_job_has(path: Path) -> None:
    doc = load(path)
    for job_id, job in doc["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), f"{job_id} has no timeout"
        assert job.get("name"), f"{job_id} has no name"
    for job_id, step in steps(doc):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, job_id
    assert doc["defaults"]["run"]["shell"] == "bash"
    assert "concurrency" in doc


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_script(path: Path) -> None:
    """Template injection: values reach run: scripts through env, never as ${{ }} text."""
    for job_id, step in steps(load(path)):
        if "run" in step:
            assert "${{" not in step["run"], f"{job_id}: {step.get('name')}"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_scripts_stop_on_errors(path: Path) -> None:
    for job_id, step in steps(load(path)):
        run = step.get("run", "")
        if "\n" in run.strip():  # one-liners fail by their own exit code
            assert run.lstrip().startswith("set -euo pipefail"), f"{job_id}: {step.get('name')}"


def test_ci_runs_the_developers_command_on_every_supported_python() -> None:
    doc = load(CI)
    assert set(doc["on"]) >= {"push", "pull_request"}
    assert doc["permissions"] == {"contents": "read"}
    job = doc["jobs"]["test"]
    assert "permissions" not in job
    assert job["runs-on"] == "ubuntu-latest"
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    assert 'requires-python = ">=3.11"' in (REPO / "pyproject.toml").read_text()
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    assert "playwright install --with-deps chromium" in scripts
    assert "./scripts/test" in scripts
    setup = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup[0]["with"]["cache"] == "pip"
    assert not [v for _, v in walk(doc) if isinstance(v, str) and "secrets" in v]


def test_the_oldest_allowed_playwright_is_the_one_ci_tests() -> None:
    """pyproject.toml's `playwright~=X.Y` allows X.Y.0 and every later X.*: CI installs X.Y.0."""
    pin = re.search(r'"playwright~=(\d+)\.(\d+)"', (REPO / "pyproject.toml").read_text())
    assert pin, "playwright is pinned as a compatible release (~=X.Y)"
    doc = load(CI)
    assert "if" not in doc["jobs"]["playwright-lower-bound"]  # every push and pull request
    setup = step_by_name(doc, "playwright-lower-bound", "Set up .venv with the oldest")
    assert setup["env"]["PLAYWRIGHT_LOWER"] == f"{pin.group(1)}.{pin.group(2)}.0"
    assert '"playwright==$PLAYWRIGHT_LOWER"' in setup["run"]
    assert setup["run"].index("playwright==") < setup["run"].index("playwright install")
    assert "pytest tests/" in step_by_name(doc, "playwright-lower-bound", "The subset")["run"]


def test_the_nightly_job_runs_the_whole_suite_in_its_nightly_breadth() -> None:
    step = step_by_name(load(CI), "fault-matrix", "The whole suite in its nightly breadth")
    assert step["env"]["AUTOMATOR_NIGHTLY"] == "1"
    assert step["run"] == "./scripts/test"


def test_the_nightly_job_installs_the_package_outside_the_repository() -> None:
    step = step_by_name(load(CI), "fault-matrix", "pip install . into a fresh venv")
    assert step["env"]["AUTOMATOR_INSTALL_TEST"] == "1"
    assert step["run"] == "./scripts/test tests/test_install.py"
    assert (REPO / "tests" / "test_install.py").read_text().count('"AUTOMATOR_INSTALL_TEST"') == 1


def test_flow_check_runs_daily_or_by_hand_and_nothing_else() -> None:
    triggers = load(FLOW_CHECK)["on"]
    assert set(triggers) == {"schedule", "workflow_dispatch"}  # never on pull requests: secrets
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert minute.isdigit() and hour.isdigit() and (day, month, weekday) == ("*", "*", "*")


def test_flow_check_permissions_are_least_privilege() -> None:
    doc = load(FLOW_CHECK)
    assert doc["permissions"] in ({}, {"contents": "read"})
    jobs = doc["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read", "issues": "write"}
    assert jobs["keepalive"]["permissions"] == {"actions": "write"}
    assert jobs["keepalive"]["if"] == "${{ github.event_name == 'schedule' }}"
    assert not [s for s in jobs["keepalive"]["steps"] if "uses" in s]  # no checkout, no code


def test_secrets_reach_only_the_check_step() -> None:
    doc = load(FLOW_CHECK)
    with_secrets = sorted(
        where
        for where, value in walk(doc)
        if isinstance(value, str)
        and (value == "secrets" or any(re.search(r"\bsecrets\b", e) for e in EXPRESSION.findall(value)))
    )
    step = check_step(doc)
    index = doc["jobs"]["check"]["steps"].index(step)
    prefix = f".jobs.check.steps[{index}].env."
    names = ["AUTOMATOR_SESSION", "COURSERA_EMAIL", "COURSERA_PASSWORD"]
    assert with_secrets == [prefix + name for name in names]
    assert step["env"]["AUTOMATOR_SESSION"] == "${{ secrets.AUTOMATOR_SESSION }}"
    assert step["env"]["COURSERA_EMAIL"] == "${{ secrets.COURSERA_EMAIL }}"
    assert step["env"]["COURSERA_PASSWORD"] == "${{ secrets.COURSERA_PASSWORD }}"
    assert "env" not in doc and all("env" not in job for job in doc["jobs"].values())


def test_the_token_reaches_only_the_steps_that_call_github() -> None:
    doc = load(FLOW_CHECK)
    with_token = [
        (job_id, step.get("name"))
        for job_id, step in steps(doc)
        if any("github.token" in str(v) or "GITHUB_TOKEN" in str(v) for _, v in walk(step))
    ]
    assert with_token == [
        ("check", "Open, update or close the issues"),
        ("keepalive", "Re-enable this workflow through the API (no commit)"),
    ]


def test_data_dir_is_temporary_and_never_uploaded() -> None:
    doc = load(FLOW_CHECK)
    env = check_step(doc)["env"]
    data, report = env["AUTOMATOR_DATA_DIR"], env["REPORT_DIR"]
    assert data.startswith("${{ runner.temp }}/") and report.startswith("${{ runner.temp }}/")
    assert not data.startswith(report) and not report.startswith(data)
    uploads = [s for _, s in steps(doc) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 1
    upload = uploads[0]["with"]
    paths = [p.strip() for p in upload["path"].splitlines() if p.strip()]
    assert paths == [f"{report}/report.md", f"{report}/report.json", f"{report}/*.png"]
    for p in paths:
        assert data not in p and "automator-data" not in p and not p.startswith("!")
    assert upload.get("include-hidden-files") in (None, False)
    assert 1 <= int(upload["retention-days"]) <= 14
    wipe = step_by_name(doc, "check", "Delete the data folder")
    assert wipe["if"] == "${{ always() }}" and wipe["env"]["AUTOMATOR_DATA_DIR"] == data


def test_the_keepalive_enables_this_very_file() -> None:
    script = load(FLOW_CHECK)["jobs"]["keepalive"]["steps"][0]["run"]
    assert f"actions/workflows/{FLOW_CHECK.name}/enable" in script


def test_the_decision_gates_the_issues_and_drift_fails_the_run() -> None:
    doc = load(FLOW_CHECK)
    decided = "steps.decide.outputs.drift != '' || steps.decide.outputs.broken != ''"
    issues = step_by_name(doc, "check", "Open, update or close the issues")
    assert issues["if"] == f"${{{{ !cancelled() && ({decided}) }}}}"
    gate = "${{ !cancelled() && steps.check.outputs.exit-code == '6' }}"
    assert step_by_name(doc, "check", "Fail the run on drift")["if"] == gate
    for name in ("Upload the masked report", "Restore the results of earlier checks", "Decide whom to tell",
                 "Keep the results for the next check"):
        assert step_by_name(doc, "check", name)["if"] == "${{ !cancelled() }}", name
    names = [step.get("name") for step in doc["jobs"]["check"]["steps"]]
    order = ["Check the live flow (dry run, never cancels)", "Restore the results of earlier checks",
             "Decide whom to tell", "Keep the results for the next check", "Open, update or close the issues"]
    assert [names.index(name) for name in order] == sorted(names.index(name) for name in order)


@pytest.mark.parametrize(
    ("codes", "drift", "broken"),
    [((6,), "", "close"), ((6, 6), "open", "close"), ((6, 6, 0), "close", "close"), ((1, 1, 1), "", "open"),
     ((), "", "open")],  # (): the check never ran (no exit code): could not run, three times
)
def test_the_decide_step_keeps_the_history_between_runs(
    tmp_path: Path, codes: tuple[int, ...], drift: str, broken: str
) -> None:
    executable(tmp_path / ".venv/bin/python", f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    step = step_by_name(load(FLOW_CHECK), "check", "Decide whom to tell")
    history = tmp_path / "state" / "history.jsonl"
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"screens": [{"name": "x", "status": "new", "breaking": True}]}))
    for code in codes or ("", "", ""):
        github_output = tmp_path / "github_output"
        github_output.write_text("")
        env = {"EXIT_CODE": str(code), "HISTORY": str(history), "REPORT_JSON": str(report),
               "GITHUB_OUTPUT": str(github_output), "PYTHONPATH": str(REPO)}
        result = run_step(step, tmp_path, env)
        assert result.returncode == 0, result.stdout + result.stderr
    found = outputs(github_output)
    assert (found["drift"], found["broken"]) == (drift, broken)


# --- the flow-check scripts, run with stand-ins ------------------------------------------------


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def run_step(step: dict[str, Any], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A run: step the way GitHub runs `shell: bash` (bash --noprofile --norc -eo pipefail)."""
    script = cwd / "step.sh"
    script.write_text(step["run"])
    path = f"{cwd / 'bin'}{os.pathsep}{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env={"PATH": path, "HOME": str(cwd), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


@pytest.mark.parametrize(("code", "step_code"), [(0, 0), (6, 0), (1, 1), (5, 5), (7, 7)])
def test_check_step_records_the_exit_code(tmp_path: Path, code: int, step_code: int) -> None:
    """0 and 6 leave the step green for the upload and the issue; anything else fails it."""
    calls = tmp_path / "calls"
    executable(tmp_path / ".venv/bin/automator", f'#!/bin/sh\necho "$@" > {calls}\nexit {code}\n')
    github_output = tmp_path / "github_output"
    result = run_step(
        check_step(load(FLOW_CHECK)),
        tmp_path,
        {
            "COURSERA_EMAIL": "e@example.com",
            "COURSERA_PASSWORD": "pw",
            "AUTOMATOR_DATA_DIR": str(tmp_path / "data"),
            "REPORT_DIR": str(tmp_path / "report"),
            "GITHUB_OUTPUT": str(github_output),
        },
    )
    assert result.returncode == step_code, result.stdout + result.stderr
    assert outputs(github_output) == {"exit-code": str(code)}
    assert calls.read_text().split() == ["check", "--out", str(tmp_path / "report")]
    if code not in (0, 6):
        assert "::error::" in result.stdout and "not drift" in result.stdout


def test_check_step_refuses_to_run_without_the_secrets(tmp_path: Path) -> None:
    executable(tmp_path / ".venv/bin/automator", "#!/bin/sh\nexit 0\n")
    github_output = tmp_path / "github_output"
    result = run_step(
        check_step(load(FLOW_CHECK)),
        tmp_path,
        {"COURSERA_EMAIL": "", "COURSERA_PASSWORD": "", "GITHUB_OUTPUT": str(github_output)},
    )
    assert result.returncode == 1 and "COURSERA_EMAIL" in result.stdout
    assert not github_output.exists()


def test_check_step_starts_from_the_saved_session_secret_without_a_password(tmp_path: Path) -> None:
    """The session line goes to `automator session import` on standard input, never as an
    argument, and the check runs without the password secrets."""
    calls = tmp_path / "calls"
    executable(
        tmp_path / ".venv/bin/automator",
        f'#!/bin/sh\necho "$@" >> {calls}\nif [ "$1" = session ]; then cat >> {calls}; fi\nexit 0\n',
    )
    github_output = tmp_path / "github_output"
    env = {"AUTOMATOR_SESSION": "automator-session-v1:abc", "COURSERA_EMAIL": "", "COURSERA_PASSWORD": "",
           "AUTOMATOR_DATA_DIR": str(tmp_path / "data"), "REPORT_DIR": str(tmp_path / "report"),
           "GITHUB_OUTPUT": str(github_output)}
    result = run_step(check_step(load(FLOW_CHECK)), tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert calls.read_text().splitlines() == [
        "session import", "automator-session-v1:abc", f"check --out {tmp_path / 'report'}"
    ]
    assert outputs(github_output) == {"exit-code": "0"}


FAKE_GH = """#!/bin/sh
printf '%s\\n' "$*" >> "{log}"
case "$1 $2" in
  "issue list") printf '%s' "{open}" ;;
  "issue comment"|"issue create") for a in "$@"; do last="$a"; done; cp "$last" "{body}" ;;
esac
"""


def issue_step(
    tmp_path: Path, open_issue: str, report_text: str | None, drift: str = "open", broken: str = "close"
) -> tuple[list[str], str]:
    log, body = tmp_path / "gh.log", tmp_path / "posted.md"
    executable(tmp_path / "bin/gh", FAKE_GH.format(log=log, open=open_issue, body=body))
    report = tmp_path / "report" / "report.md"
    if report_text is not None:
        report.parent.mkdir()
        report.write_text(report_text)
    step = step_by_name(load(FLOW_CHECK), "check", "Open, update or close the issues")
    result = run_step(
        step,
        tmp_path,
        {
            "GH_TOKEN": "t",
            "GH_REPO": "o/r",
            "RUN_URL": "https://runs.invalid/1",
            "DRIFT": drift,
            "BROKEN": broken,
            "REPORT": str(report),
            "REPORT_JSON": str(tmp_path / "report" / "report.json"),
            "BODY": str(tmp_path / "body.md"),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Closing the other issue only looks for one: with none open, nothing more is called.
    calls = [c for c in log.read_text().splitlines() if "--label flow-check-broken" not in c]
    return calls, body.read_text() if body.exists() else ""


def test_drift_opens_one_labelled_issue_with_the_report(tmp_path: Path) -> None:
    calls, body = issue_step(tmp_path, "", "# Drift\n\nThe plan screen changed.\n")
    assert calls[0].startswith("label create flow-drift ")
    assert calls[1] == (
        "issue list --label flow-drift --state open --limit 1 --json number --jq .[0].number // empty"
    )
    assert calls[2].startswith("issue create --title ") and "--label flow-drift" in calls[2]
    assert len(calls) == 3
    assert "The plan screen changed." in body and "https://runs.invalid/1" in body


def test_drift_comments_on_the_issue_already_open(tmp_path: Path) -> None:
    calls, body = issue_step(tmp_path, "42", "x" * 70_000)
    assert calls[2].startswith("issue comment 42 --body-file ")
    assert not [c for c in calls if c.startswith("issue create")]
    assert len(body) < 65_536 and "whole report is in the run's artifact" in body


def test_drift_without_a_report_still_says_so(tmp_path: Path) -> None:
    _, body = issue_step(tmp_path, "", None)
    assert "no report.md was written" in body


def test_a_clean_run_closes_the_open_drift_issue(tmp_path: Path) -> None:
    calls, _ = issue_step(tmp_path, "42", "# no drift\n", drift="close", broken="")
    assert calls[-1].startswith("issue close 42 --comment A clean check")
    assert not [c for c in calls if c.startswith(("issue create", "issue comment", "label create"))]


def test_three_runs_that_could_not_run_open_the_broken_check_issue(tmp_path: Path) -> None:
    log, body = tmp_path / "gh.log", tmp_path / "posted.md"
    executable(tmp_path / "bin/gh", FAKE_GH.format(log=log, open="", body=body))
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "report.json").write_text(json.dumps({"message": "the sign-in was refused"}))
    step = step_by_name(load(FLOW_CHECK), "check", "Open, update or close the issues")
    report = tmp_path / "report"
    env = {"GH_TOKEN": "t", "GH_REPO": "o/r", "RUN_URL": "https://runs.invalid/1", "DRIFT": "",
           "BROKEN": "open", "REPORT": str(report / "report.md"), "REPORT_JSON": str(report / "report.json"),
           "BODY": str(tmp_path / "body.md")}
    result = run_step(step, tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("label create flow-check-broken ")
    assert calls[-1].startswith("issue create --title ") and "--label flow-check-broken" in calls[-1]
    assert not [c for c in calls if "flow-drift" in c]  # could not run never touches drift
    posted = body.read_text()
    assert "the sign-in was refused" in posted and "COURSERA_PASSWORD" in posted


def test_keepalive_calls_the_enable_endpoint(tmp_path: Path) -> None:
    log = tmp_path / "gh.log"
    executable(tmp_path / "bin/gh", f'#!/bin/sh\nprintf "%s\\n" "$*" >> {log}\n')
    step = load(FLOW_CHECK)["jobs"]["keepalive"]["steps"][0]
    result = run_step(step, tmp_path, {"GH_TOKEN": "t", "GH_REPO": "o/r"})
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        "api --method PUT repos/o/r/actions/workflows/flow-check.yml/enable"
    ]
