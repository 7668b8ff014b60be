"""Benchmark the dry run against a bare-Playwright floor doing the same work.

    scripts/bench [--rounds N] [--target RATIO] [--json FILE]

"tool" is the real CLI (`automator cancel --dry-run --headless`) run as a subprocess.
"floor" is `python scripts/bench.py --floor URL OUTDIR`, also a subprocess, which launches the
same browser with the same flags (automator.browser's choose_browser and launch_options),
walks the same nine screens with hard-coded locators and takes the same kind of masked
screenshots. Each measured run gets its own replay server (fresh state), started in-process.

Per run: wall time (spawn to exit) and the peak of the summed VmRSS of the process and all of
its descendants (the Playwright driver and every Chromium process), sampled every ~20 ms.
Summed RSS counts pages shared between processes once per process; both sides are measured the
same way, so the comparison is fair even if the absolute figure overstates real use.

After one untimed warm-up of each, N rounds of tool then floor. Reports the median wall time
of each, tool/floor (median/median) and the peak memory (max over rounds).

Exit codes: 0 ratio at or under --target, 1 over it, 2 a run failed, checks failed or a
destructive (or account-changing) request reached the replay server.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EMAIL = "demo.learner@example.com"
PASSWORD = "demo-password-1234"
RECORDING = ROOT / "fixtures" / "coursera"
SCREENS = 9
TIMEOUT_MS = 30_000
EXPECTED_STEPS = (
    "signed_out_home",
    "sign_in",
    "signed_in",
    "account_settings",
    "subscriptions",
    "cancel_survey",
    "retention_offer",
    "confirm_cancel",
    "subscriptions",
)


# -- the floor: bare Playwright, same browser, same flags, same screens ----------------------
def floor(url: str, out_dir: Path) -> int:
    """Walk the flow with hard-coded locators; write OUTDIR/floor.json with timings."""
    marks = {"main": time.monotonic()}
    from playwright.sync_api import sync_playwright

    from automator import browser as automator_browser
    from automator.browser import choose_browser, launch_options

    # The tool's own way to find Playwright's Chromium (public in newer trees, private before).
    bundled_chromium = automator_browser.bundled_chromium

    marks["imported"] = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    steps: list[dict[str, object]] = []

    def at(path: str) -> re.Pattern[str]:
        return re.compile(re.escape(url + path) + r"(\?.*)?$")

    with sync_playwright() as p:
        marks["playwright_started"] = time.monotonic()
        # As automator.browser.browser_page: Playwright's own Chromium, else a system one (its
        # headless shell first, in trees that know it).
        try:
            executable = choose_browser(bundled_chromium(p), headless=True)
        except TypeError:
            executable = choose_browser(bundled_chromium(p))
        browser = p.chromium.launch(**launch_options(executable, headless=True))
        marks["browser_launched"] = time.monotonic()
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 800}, locale="en-US", timezone_id="UTC"
            )
            try:
                page = context.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                page.set_default_navigation_timeout(TIMEOUT_MS)
                marks["page_ready"] = time.monotonic()
                clock = [time.monotonic()]

                def masks() -> list[object]:
                    return [
                        page.locator(
                            'input[type="password"], input[type="email"], '
                            'input[name="email"], input[name="password"]'
                        ),
                        page.locator('[data-e2e="header-profile"]'),
                        page.locator('[data-e2e="UserPortraitFullName"]'),
                        page.get_by_text("Visa ending in 4242"),
                    ]

                def shot(name: str) -> None:
                    file = out_dir / f"{len(steps) + 1:02d}-{name}.png"
                    page.screenshot(path=file, mask=masks(), animations="disabled", caret="hide")
                    now = time.monotonic()
                    steps.append({"name": name, "seconds": round(now - clock[0], 3)})
                    clock[0] = now

                # 1. signed-out home
                page.goto(url + "/")
                log_in = page.locator('[data-e2e="header-login-button"]')
                log_in.wait_for(state="visible")
                shot("signed_out_home")
                log_in.click()
                # 2. sign-in form
                page.wait_for_url(at("/login"))
                email = page.locator('input[name="email"]')
                email.wait_for(state="visible")
                shot("sign_in")
                email.fill(EMAIL)
                page.locator('input[name="password"]').fill(PASSWORD)
                page.locator('[data-e2e="login-form-submit-button"]').click()
                # 3. signed in, account menu
                page.wait_for_url(at("/"))
                avatar = page.locator('[data-e2e="header-profile"]')
                avatar.wait_for(state="visible")
                shot("signed_in")
                avatar.click()
                page.get_by_role("menuitem", name="Settings", exact=True).click()
                # 4. account settings
                page.wait_for_url(at("/account-settings"))
                page.get_by_role("heading", name="Account settings", exact=True).wait_for(state="visible")
                shot("account_settings")
                page.get_by_role("navigation").get_by_role("link", name="Subscriptions", exact=True).click()
                # 5. subscriptions
                page.wait_for_url(at("/account-settings/subscriptions"))
                subscriptions = page.get_by_role("heading", name="Subscriptions", exact=True)
                subscriptions.wait_for(state="visible")
                shot("subscriptions")
                page.get_by_role("button", name="Cancel Subscription", exact=True).click()
                # 6. reason survey
                page.wait_for_url(at("/account-settings/subscriptions/cancel/survey"))
                survey = page.get_by_role("dialog").filter(has=page.get_by_role("radio"))
                survey.wait_for(state="visible")
                shot("cancel_survey")
                survey.get_by_role("radio", name="Prefer not to say", exact=True).check()
                survey.get_by_role("button", name="Continue", exact=True).click()
                # 7. retention offer
                page.wait_for_url(at("/account-settings/subscriptions/cancel/offer"))
                decline = page.get_by_role("link", name="No thanks, continue cancelling", exact=True)
                decline.wait_for(state="visible")
                shot("retention_offer")
                decline.click()
                # 8. final confirmation: look, never press Yes, Cancel
                page.wait_for_url(at("/account-settings/subscriptions/cancel/confirm"))
                confirm = page.get_by_role("dialog").filter(
                    has=page.get_by_role("button", name="Yes, Cancel", exact=True)
                )
                confirm.wait_for(state="visible")
                shot("confirm_cancel")
                confirm.get_by_role("link", name="Keep Subscription", exact=True).click()
                # 9. back on subscriptions
                page.wait_for_url(at("/account-settings/subscriptions"))
                confirm.wait_for(state="detached")
                subscriptions.wait_for(state="visible")
                shot("subscriptions")
                marks["steps_done"] = time.monotonic()
            finally:
                context.close()
        finally:
            browser.close()
            marks["browser_closed"] = time.monotonic()
    marks["playwright_stopped"] = time.monotonic()
    record = {"marks": marks, "steps": steps}
    (out_dir / "floor.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


# -- process-tree memory ---------------------------------------------------------------------
def _children_files_work() -> bool:
    return Path(f"/proc/self/task/{os.getpid()}/children").exists()


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0  # gone, or a zombie (no VmRSS line)


def _children_via_task_files(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kids
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as handle:
                kids.extend(int(k) for k in handle.read().split())
        except (OSError, ValueError):
            continue
    return kids


def _parent_map() -> dict[int, list[int]]:
    """ppid -> [pid] from /proc/*/stat (for kernels built without CONFIG_PROC_CHILDREN)."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if len(fields) > 1:
            tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def tree_rss_kib(root: int, use_children_files: bool) -> tuple[int, int]:
    """(summed VmRSS in KiB, number of processes) of root and all its descendants."""
    if use_children_files:
        children = _children_via_task_files
    else:
        tree = _parent_map()
        children = lambda pid: tree.get(pid, [])  # noqa: E731
    total, count, seen, todo = 0, 0, set(), [root]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_kib(pid)
        count += 1
        todo.extend(children(pid))
    return total, count


# -- measuring one run ------------------------------------------------------------------------
class BenchError(Exception):
    pass


def measure(cmd: list[str], env: dict[str, str], log_dir: Path) -> dict[str, object]:
    """Run cmd; wall time, CPU time and peak summed RSS of its process tree."""
    import resource
    import subprocess
    import threading

    use_children_files = _children_files_work()
    stdout = (log_dir / "stdout.txt").open("wb")
    stderr = (log_dir / "stderr.txt").open("wb")
    peak = {"kib": 0, "procs": 0, "samples": 0}
    done = threading.Event()
    # CPU of the whole tree: each descendant is reaped by its parent, so its time rolls up to us.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)

    def sample() -> None:
        while True:
            kib, procs = tree_rss_kib(proc.pid, use_children_files)
            peak["samples"] += 1
            if kib > peak["kib"]:
                peak["kib"] = kib
            peak["procs"] = max(peak["procs"], procs)
            if done.wait(0.02):
                return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    done.set()
    sampler.join()
    stdout.close()
    stderr.close()
    return {
        "code": code,
        "wall_s": wall,
        "cpu_s": cpu,
        "started": started,
        "peak_mib": peak["kib"] / 1024,
        "max_procs": peak["procs"],
        "samples": peak["samples"],
    }


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join("    " + line for line in text[-lines:])


def _check_log(kind: str, log: list[dict[str, object]]) -> None:
    bad = [e for e in log if e.get("destructive") or e.get("changes_account")]
    if bad:
        raise BenchError(f"DESTRUCTIVE REQUEST: the {kind} run sent {bad}; stop and investigate")
    paths = [(e.get("method"), e.get("path")) for e in log]
    if ("GET", "/account-settings/subscriptions/cancel/confirm") not in paths:
        raise BenchError(f"the {kind} run never loaded the final confirmation page: {paths}")
    pages = [path for _method, path in paths if not str(path).startswith("/static/")]
    if pages[-1] != "/account-settings/subscriptions":
        raise BenchError(f"the {kind} run did not end back on Subscriptions: {pages[-3:]}")


def run_once(kind: str, recording: object, env: dict[str, str]) -> dict[str, object]:
    """One measured run of `kind` ("tool" or "floor") against its own fresh replay server."""
    import tempfile

    from automator.replay import serving

    with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-") as tmp, serving(recording) as server:  # type: ignore[arg-type]
        out = Path(tmp) / "out"
        if kind == "tool":
            automator = Path(sys.executable).parent / "automator"
            head = [str(automator)] if automator.exists() else [sys.executable, "-m", "automator"]
            cmd = [
                *head,
                "cancel",
                "--dry-run",
                "--headless",
                "--base-url",
                server.url,
                "--out",
                str(out),
            ]
        else:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--floor", server.url, str(out)]
        result = measure(cmd, env, Path(tmp))
        log = list(server.state.log)
        if result["code"] != 0:
            raise BenchError(f"the {kind} run exited {result['code']}:\n{_tail(Path(tmp) / 'stderr.txt')}")
        _check_log(kind, log)
        if kind == "tool":
            try:
                record = json.loads((out / "run.json").read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise BenchError(f"the tool wrote no readable run.json: {exc}") from exc
            if record.get("status") != "dry_run_complete":
                raise BenchError(
                    f"the tool's run.json says {record.get('status')!r}: {record.get('message')}"
                )
            names = tuple(s["name"] for s in record.get("steps", []))
        else:
            try:
                record = json.loads((out / "floor.json").read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise BenchError(f"the floor wrote no readable floor.json: {exc}") from exc
            names = tuple(s["name"] for s in record["steps"])
        if names != EXPECTED_STEPS:
            raise BenchError(f"the {kind} run walked {names}, expected {EXPECTED_STEPS}")
        shots = sorted(out.glob("*.png"))
        if len(shots) != SCREENS:
            raise BenchError(f"the {kind} run left {len(shots)} screenshots, expected {SCREENS}")
        result["record"] = record
        result["requests"] = len(log)
        return result


# -- the benchmark ---------------------------------------------------------------------------
def _warn_if_busy() -> None:
    """Timings are only comparable on an otherwise idle machine: say so when it is not."""
    try:
        load = float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    others = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if Path(f"/proc/{entry}/comm").read_text().strip() in (
                    "chromium",
                    "chrome",
                    "node",
                ):
                    others += 1
            except OSError:
                continue
    cpus = os.cpu_count() or 1
    if others or load > cpus / 2:
        print(
            f"warning: the machine is busy (load {load:.1f} on {cpus} CPUs, {others} other "
            "browser/driver processes); timings will be noisy",
            file=sys.stderr,
            flush=True,
        )


def bench(rounds: int, target: float, json_path: Path | None) -> int:
    import statistics

    from automator.recording import load_recording

    recording = load_recording(RECORDING)
    env = {**os.environ, "COURSERA_EMAIL": EMAIL, "COURSERA_PASSWORD": PASSWORD}
    env.pop("AUTOMATOR_BASE_URL", None)
    runs: dict[str, list[dict[str, object]]] = {"tool": [], "floor": []}
    _warn_if_busy()
    try:
        print("warm-up (untimed): tool, floor ...", flush=True)
        run_once("tool", recording, env)
        run_once("floor", recording, env)
        for n in range(1, rounds + 1):
            for kind in ("tool", "floor"):
                result = run_once(kind, recording, env)
                runs[kind].append(result)
                print(
                    f"round {n}/{rounds}  {kind:<5}  {result['wall_s']:6.2f} s  "
                    f"cpu {result['cpu_s']:5.2f} s  peak {result['peak_mib']:5.0f} MiB  "
                    f"({result['max_procs']} processes, "
                    f"{result['samples']} samples, {result['requests']} requests)",
                    flush=True,
                )
    except BenchError as exc:
        print(f"\nFAIL: {exc}", file=sys.stderr)
        return 2

    summary: dict[str, dict[str, object]] = {}
    for kind, results in runs.items():
        walls = [float(r["wall_s"]) for r in results]
        peaks = [float(r["peak_mib"]) for r in results]
        cpus = [float(r["cpu_s"]) for r in results]
        summary[kind] = {
            "wall_s": [round(w, 3) for w in walls],
            "median_s": round(statistics.median(walls), 3),
            "cpu_s": [round(c, 3) for c in cpus],
            "median_cpu_s": round(statistics.median(cpus), 3),
            "peak_mib": [round(p, 1) for p in peaks],
            "peak_mib_max": round(max(peaks), 1),
        }
    ratio = float(summary["tool"]["median_s"]) / float(summary["floor"]["median_s"])
    ok = ratio <= target

    print()
    print(f"{'':<8}{'median s':>10}{'min s':>8}{'max s':>8}{'cpu s':>8}{'peak MiB':>10}")
    for kind in ("tool", "floor"):
        walls = summary[kind]["wall_s"]
        print(
            f"{kind:<8}{summary[kind]['median_s']:>10.2f}{min(walls):>8.2f}{max(walls):>8.2f}"
            f"{summary[kind]['median_cpu_s']:>8.2f}{summary[kind]['peak_mib_max']:>10.0f}"
        )
    cpu_ratio = float(summary["tool"]["median_cpu_s"]) / float(summary["floor"]["median_cpu_s"])
    print(
        f"ratio tool/floor (median/median): {ratio:.2f}  target <= {target:.2f}"
        f"   (cpu time {cpu_ratio:.2f}, for reference)"
    )

    tool_last, floor_last = runs["tool"][-1], runs["floor"][-1]
    tool_steps = tool_last["record"]["steps"]  # type: ignore[index]
    floor_steps = floor_last["record"]["steps"]  # type: ignore[index]
    print("\nper step, last round (seconds since the previous screenshot; step 1 includes goto):")
    print(f"  {'step':<20}{'tool':>8}{'floor':>8}{'diff':>8}")
    for t, f in zip(tool_steps, floor_steps, strict=True):
        print(
            f"  {t['name']:<20}{t['seconds']:>8.3f}{f['seconds']:>8.3f}{t['seconds'] - f['seconds']:>+8.3f}"
        )
    tool_sum = sum(s["seconds"] for s in tool_steps)
    floor_sum = sum(s["seconds"] for s in floor_steps)
    print(f"  {'all 9 steps':<20}{tool_sum:>8.3f}{floor_sum:>8.3f}{tool_sum - floor_sum:>+8.3f}")
    tool_wall, floor_wall = float(tool_last["wall_s"]), float(floor_last["wall_s"])
    print(
        f"  {'outside the steps':<20}{tool_wall - tool_sum:>8.3f}{floor_wall - floor_sum:>8.3f}"
        f"{(tool_wall - tool_sum) - (floor_wall - floor_sum):>+8.3f}"
        "   (start-up, browser launch, close, exit)"
    )
    run_seconds = float(tool_last["record"]["seconds"])  # type: ignore[index]
    print(
        f"  tool: run_cancel took {run_seconds:.3f} s of {tool_wall:.3f} s wall; "
        f"{tool_wall - run_seconds:.3f} s is interpreter + imports + CLI + exit"
    )
    marks = floor_last["record"]["marks"]  # type: ignore[index]
    spawn = float(floor_last["started"])
    phases = " · ".join(f"{name} +{float(t) - spawn:.3f}" for name, t in marks.items())
    print(f"  floor timeline from spawn (s): {phases} · exit +{floor_wall:.3f}")

    figures = {
        "rounds": rounds,
        "target": target,
        "ratio": round(ratio, 3),
        "pass": ok,
        "cpu_ratio": round(cpu_ratio, 3),
        "tool": summary["tool"],
        "floor": summary["floor"],
        "tool_steps": tool_steps,
        "floor_steps": floor_steps,
        "tool_run_seconds": run_seconds,
        "floor_marks_from_spawn": {k: round(float(v) - spawn, 3) for k, v in marks.items()},
    }
    if json_path is not None:
        json_path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {json_path}")
    if ok:
        print(f"\nOK: the tool takes {ratio:.2f}x the floor's time (target <= {target:.2f}).")
        return 0
    print(
        f"\nTOO SLOW: the tool takes {ratio:.2f}x the floor's time; the target is <= {target:.2f}.",
        file=sys.stderr,
    )
    return 1


def main(argv: list[str]) -> int:
    if argv[:1] == ["--floor"]:  # the floor subprocess: keep its start-up lean
        if len(argv) != 3:
            print("usage: bench.py --floor URL OUTDIR", file=sys.stderr)
            return 2
        return floor(argv[1].rstrip("/"), Path(argv[2]))
    if not sys.platform.startswith("linux"):
        print("scripts/bench measures memory through /proc and runs on Linux only.", file=sys.stderr)
        return 2
    import argparse

    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds (default 3)")
    parser.add_argument(
        "--target",
        type=float,
        default=1.3,
        help="highest acceptable tool/floor ratio (default 1.3)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.json is not None and not args.json.is_absolute():  # relative to the caller's folder
        args.json = Path(os.environ.get("BENCH_CALLER_CWD", os.getcwd())) / args.json
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return bench(args.rounds, args.target, args.json)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
