"""Benchmark the dry run against a bare-Playwright floor doing the same work.

    scripts/bench [--rounds N] [--target RATIO] [--json FILE]

"tool" is the real CLI (`automator cancel --dry-run --headless`) run as a subprocess.
"floor" is `python scripts/bench.py --floor URL OUTDIR`, also a subprocess, which launches the
same browser with the same flags (automator.browser's choose_browser and launch_options) and
walks the same nine screens on the site's own locator table (automator/sites/coursera/
locators.py, English), so it cannot drift from the tool: on each screen it waits for the
locator that marks it, takes a screenshot masked as the tool masks it (privacy.py), and acts
with plain Playwright calls. None of the tool's recognition, settling or click machinery.
Each measured run gets its own replay server (fresh state), started in-process.

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
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from automator.sites.coursera.locators import Locators

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


# -- the floor: bare Playwright on the site's own locators, same browser, same flags ----------
def floor(url: str, out_dir: Path) -> int:
    """Walk the flow on the site's locator table; write OUTDIR/floor.json with timings."""
    marks = {"main": time.monotonic()}
    from playwright.sync_api import sync_playwright

    from automator.browser import launch_options
    from automator.sites.coursera.locators import Locators
    from automator.sites.coursera.strings import EN

    marks["imported"] = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    loc = Locators(EN)
    with sync_playwright() as p:
        marks["playwright_started"] = time.monotonic()
        browser = p.chromium.launch(**launch_options(_executable(p), headless=True))
        marks["browser_launched"] = time.monotonic()
        try:
            # As automator.browser's contexts (service workers blocked there for the guard).
            context = browser.new_context(
                viewport={"width": 1280, "height": 800},
                locale="en-US",
                timezone_id="UTC",
                service_workers="block",
            )
            try:
                page = context.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                page.set_default_navigation_timeout(TIMEOUT_MS)
                marks["page_ready"] = time.monotonic()
                shots = Shots(page, loc, out_dir)
                walk(page, loc, shots, url)
                marks["steps_done"] = time.monotonic()
            finally:
                context.close()
        finally:
            browser.close()
            marks["browser_closed"] = time.monotonic()
    marks["playwright_stopped"] = time.monotonic()
    record = {"marks": marks, "steps": shots.steps}
    (out_dir / "floor.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


def _executable(playwright: Any) -> str | None:
    """As automator.browser.browser_page: Playwright's own Chromium, else a system one (its
    headless shell first, in trees that know it)."""
    from automator.browser import bundled_chromium, choose_browser

    try:
        return choose_browser(bundled_chromium(playwright), headless=True)
    except TypeError:
        return choose_browser(bundled_chromium(playwright))


class Shots:
    """The floor's screenshots: numbered and masked as the tool's (its privacy.py), and timed."""

    def __init__(self, page: Page, loc: Locators, out_dir: Path) -> None:
        from automator.credentials import Credentials
        from automator.sites.base import FlowContext
        from automator.sites.coursera.privacy import Privacy

        self.page, self.out_dir, self.privacy = page, out_dir, Privacy(loc)
        # What the masks read: the email once the sign-in asks for it, the name once it is shown.
        self.ctx = FlowContext(
            get_credentials=lambda: Credentials(EMAIL, PASSWORD, "environment"),
            reason=None,
            timeout_ms=TIMEOUT_MS,
        )
        self.steps: list[dict[str, object]] = []
        self.clock = time.monotonic()

    def __call__(self, name: str) -> None:
        file = self.out_dir / f"{len(self.steps) + 1:02d}-{name}.png"
        masks = self.privacy.masks(self.page, self.ctx)
        self.page.screenshot(path=file, mask=masks, animations="disabled", caret="hide")
        now = time.monotonic()
        self.steps.append({"name": name, "seconds": round(now - self.clock, 3)})
        self.clock = now


def walk(page: Page, loc: Locators, shot: Shots, url: str) -> None:
    """The nine screens: wait for each one's marker, shoot it, act. Never presses Yes, Cancel."""
    s = loc.s
    page.goto(url + "/")
    log_in = _shown(loc.log_in_link(page))
    shot("signed_out_home")
    log_in.click()
    email = _shown(loc.email_field(page))
    shot("sign_in")
    credentials = shot.ctx.credentials()
    email.fill(credentials.email)
    loc.password_field(page).first.fill(credentials.password)
    loc.submit(page).first.click()
    avatar = _shown(loc.avatar(page))
    shot("signed_in")
    avatar.click()
    loc.menu_item(page, s.menu_settings).first.click()
    _shown(loc.settings_heading(page))
    shot("account_settings")
    loc.subscriptions_entry(page).filter(visible=True).first.click()
    _shown(loc.subscriptions_heading(page))
    shot("subscriptions")
    loc.row_cancel(page.locator("body")).first.click()  # the recording's one subscription
    survey = _shown(loc.survey_dialog(page))
    shot("cancel_survey")
    survey.get_by_role("radio", name=s.neutral_reasons[0]).check()
    loc.proceed(survey).first.click()
    offer = _shown(loc.offer_dialog(page))
    shot("retention_offer")
    loc.decline(offer).first.click()
    confirm = _shown(loc.confirm_dialog(page))
    shot("confirm_cancel")
    loc.way_back(confirm).first.click()
    loc.confirm_dialog(page).first.wait_for(state="hidden")
    _shown(loc.subscriptions_heading(page))
    shot("subscriptions")


def _shown(locator: Locator) -> Locator:
    """The first visible match, once there is one."""
    first = locator.filter(visible=True).first
    first.wait_for(state="visible")
    return first


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
