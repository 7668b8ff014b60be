"""Benchmark the dry run against a bare-Playwright floor doing the same work.

    scripts/bench [--rounds N] [--target RATIO] [--json FILE]
    scripts/bench --floor-once      one floor run; the last line is its wall seconds alone

"tool" is the real CLI (`automator cancel --dry-run --headless`) run as a subprocess.
"floor" is `python scripts/bench.py --floor URL OUTDIR`, also a subprocess, which launches the
same browser with the same flags (automator.browser's choose_browser and launch_options) and
walks the same nine screens on the site's own locator table (automator/sites/coursera/
locators.py, English), so it cannot drift from the tool: on each screen it waits for the
locator that marks it, takes a screenshot masked as the tool masks it (privacy.py), and acts
with plain Playwright calls. None of the tool's recognition, settling or click machinery.
Each measured run gets its own replay server (fresh state), started in-process.

Per run: wall time (spawn to exit), CPU time, and the peak of the summed RSS (psutil) of the
process and all of its descendants (the Playwright driver and every Chromium process), sampled
every ~20 ms.
Summed RSS counts pages shared between processes once per process; both sides are measured the
same way, so the comparison is fair even if the absolute figure overstates real use.

After one untimed warm-up of each, N rounds of tool then floor. Reports the median wall time
of each, tool/floor (median/median) and the peak memory (max over rounds). --floor-once makes
one floor run, measured the same way, as a unit of this machine's speed (scripts/test divides
the suite's time by it).

Exit codes: 0 ratio at or under --target, 1 over it, 2 a run failed, checks failed or a
destructive (or account-changing) request reached the replay server.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from rich.table import Table

    from automator.sites.coursera.locators import Locators

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EMAIL = "demo.learner@example.com"
PASSWORD = "demo-password-1234"
RECORDING = ROOT / "fixtures" / "coursera"
SCREENS = 9
TIMEOUT_MS = 30_000
SAMPLE_S = 0.02  # memory sampling period
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
Run = dict[str, Any]  # one measured run: its figures, and the record it wrote


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
def tree_rss(root: Any) -> tuple[int, int]:
    """(summed RSS in bytes, number of processes) of a psutil.Process and all its descendants."""
    import psutil

    try:
        family = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    total = 0
    for proc in family:
        with contextlib.suppress(psutil.Error):  # gone, or a zombie
            total += proc.memory_info().rss
    return total, len(family)


class Sampler(threading.Thread):
    """The peak of tree_rss for one process, sampled every SAMPLE_S seconds until stopped."""

    def __init__(self, pid: int) -> None:
        import psutil

        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak_bytes = self.procs = self.samples = 0
        self.done = threading.Event()

    def run(self) -> None:
        while True:
            rss, procs = tree_rss(self.root)
            self.samples += 1
            self.peak_bytes, self.procs = max(self.peak_bytes, rss), max(self.procs, procs)
            if self.done.wait(SAMPLE_S):
                return

    def stop(self) -> None:
        self.done.set()
        self.join()


# -- measuring one run ------------------------------------------------------------------------
class BenchError(Exception):
    pass


def measure(cmd: list[str], env: dict[str, str], log_dir: Path) -> Run:
    """Run cmd; wall time, CPU time and peak summed RSS of its process tree."""
    import resource

    # CPU of the whole tree: each descendant is reaped by its parent, so its time rolls up to us.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (log_dir / "stdout.txt").open("wb") as out, (log_dir / "stderr.txt").open("wb") as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = Sampler(proc.pid)
        sampler.start()
        code = proc.wait()
        wall = time.monotonic() - started
        sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "code": code,
        "wall_s": wall,
        "cpu_s": cpu,
        "started": started,
        "peak_mib": sampler.peak_bytes / 2**20,
        "max_procs": sampler.procs,
        "samples": sampler.samples,
    }


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join("    " + line for line in text[-lines:])


def _check_log(kind: str, log: list[dict[str, Any]]) -> None:
    bad = [e for e in log if e.get("destructive") or e.get("changes_account")]
    if bad:
        raise BenchError(f"DESTRUCTIVE REQUEST: the {kind} run sent {bad}; stop and investigate")
    paths = [(e.get("method"), e.get("path")) for e in log]
    if ("GET", "/account-settings/subscriptions/cancel/confirm") not in paths:
        raise BenchError(f"the {kind} run never loaded the final confirmation page: {paths}")
    pages = [path for _method, path in paths if not str(path).startswith("/static/")]
    if pages[-1] != "/account-settings/subscriptions":
        raise BenchError(f"the {kind} run did not end back on Subscriptions: {pages[-3:]}")


def _command(kind: str, url: str, out: Path) -> list[str]:
    if kind == "floor":
        return [sys.executable, str(Path(__file__).resolve()), "--floor", url, str(out)]
    automator = Path(sys.executable).parent / "automator"
    head = [str(automator)] if automator.exists() else [sys.executable, "-m", "automator"]
    return [*head, "cancel", "--dry-run", "--headless", "--base-url", url, "--out", str(out)]


def _read_record(kind: str, out: Path) -> dict[str, Any]:
    """The run's own account of itself: the tool's run.json, the floor's floor.json."""
    file = out / ("run.json" if kind == "tool" else "floor.json")
    try:
        record: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BenchError(f"the {kind} wrote no readable {file.name}: {exc}") from exc
    if kind == "tool" and record.get("status") != "dry_run_complete":
        raise BenchError(f"the tool's run.json says {record.get('status')!r}: {record.get('message')}")
    return record


def _check_outputs(kind: str, record: dict[str, Any], out: Path) -> None:
    names = tuple(s["name"] for s in record.get("steps", []))
    if names != EXPECTED_STEPS:
        raise BenchError(f"the {kind} run walked {names}, expected {EXPECTED_STEPS}")
    shots = sorted(out.glob("*.png"))
    if len(shots) != SCREENS:
        raise BenchError(f"the {kind} run left {len(shots)} screenshots, expected {SCREENS}")


def run_once(kind: str, recording: Any, env: dict[str, str]) -> Run:
    """One measured run of `kind` ("tool" or "floor") against its own fresh replay server."""
    import tempfile

    from automator.replay import serving

    with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-") as tmp, serving(recording) as server:
        out = Path(tmp) / "out"
        result = measure(_command(kind, server.url, out), env, Path(tmp))
        log = list(server.state.log)
        if result["code"] != 0:
            raise BenchError(f"the {kind} run exited {result['code']}:\n{_tail(Path(tmp) / 'stderr.txt')}")
        _check_log(kind, log)
        result["record"] = _read_record(kind, out)
        _check_outputs(kind, result["record"], out)
        result["requests"] = len(log)
        return result


# -- the benchmark ---------------------------------------------------------------------------
def _warn_if_busy() -> None:
    """Timings are only comparable on an otherwise idle machine: say so when it is not."""
    import psutil

    load = psutil.getloadavg()[0]
    others = 0
    for proc in psutil.process_iter(["name"]):
        name = proc.info["name"] or ""
        others += name == "node" or name.startswith(("chrome", "chromium"))
    cpus = os.cpu_count() or 1
    if others or load > cpus / 2:
        print(
            f"warning: the machine is busy (load {load:.1f} on {cpus} CPUs, {others} other "
            "browser/driver processes); timings will be noisy",
            file=sys.stderr,
            flush=True,
        )


def _setup() -> tuple[Any, dict[str, str]]:
    """The bundled recording, and the environment both runs get."""
    from automator.recording import load_recording

    env = {**os.environ, "COURSERA_EMAIL": EMAIL, "COURSERA_PASSWORD": PASSWORD}
    env.pop("AUTOMATOR_BASE_URL", None)
    return load_recording(RECORDING), env


def _rounds(rounds: int, recording: Any, env: dict[str, str]) -> dict[str, list[Run]]:
    """One untimed warm-up of each, then `rounds` rounds of tool then floor."""
    runs: dict[str, list[Run]] = {"tool": [], "floor": []}
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
    return runs


def _summary(results: list[Run]) -> dict[str, Any]:
    import statistics

    walls = [float(r["wall_s"]) for r in results]
    cpus = [float(r["cpu_s"]) for r in results]
    peaks = [float(r["peak_mib"]) for r in results]
    return {
        "wall_s": [round(w, 3) for w in walls],
        "median_s": round(statistics.median(walls), 3),
        "cpu_s": [round(c, 3) for c in cpus],
        "median_cpu_s": round(statistics.median(cpus), 3),
        "peak_mib": [round(p, 1) for p in peaks],
        "peak_mib_max": round(max(peaks), 1),
    }


def _figures(runs: dict[str, list[Run]], target: float) -> dict[str, Any]:
    """Everything the report prints and --json writes."""
    tool, floor_ = _summary(runs["tool"]), _summary(runs["floor"])
    ratio = tool["median_s"] / floor_["median_s"]
    tool_last, floor_last = runs["tool"][-1], runs["floor"][-1]
    spawn = float(floor_last["started"])
    return {
        "rounds": len(runs["tool"]),
        "target": target,
        "ratio": round(ratio, 3),
        "pass": ratio <= target,
        "cpu_ratio": round(tool["median_cpu_s"] / floor_["median_cpu_s"], 3),
        "tool": tool,
        "floor": floor_,
        "tool_steps": tool_last["record"]["steps"],
        "floor_steps": floor_last["record"]["steps"],
        "tool_run_seconds": float(tool_last["record"]["seconds"]),
        "floor_marks_from_spawn": {
            k: round(float(v) - spawn, 3) for k, v in floor_last["record"]["marks"].items()
        },
        "last_wall_s": {"tool": float(tool_last["wall_s"]), "floor": float(floor_last["wall_s"])},
    }


def _totals_table(figures: dict[str, Any]) -> Table:
    from rich.table import Table

    table = Table()
    table.add_column("")
    for heading in ("median s", "min s", "max s", "cpu s", "peak MiB"):
        table.add_column(heading, justify="right")
    for kind in ("tool", "floor"):
        row = figures[kind]
        walls = row["wall_s"]
        table.add_row(
            kind,
            f"{row['median_s']:.2f}",
            f"{min(walls):.2f}",
            f"{max(walls):.2f}",
            f"{row['median_cpu_s']:.2f}",
            f"{row['peak_mib_max']:.0f}",
        )
    return table


def _steps_table(figures: dict[str, Any]) -> Table:
    """Per step, last round; then what lies outside the steps (start-up, launch, close, exit)."""
    from rich.table import Table

    table = Table()
    table.add_column("step")
    for heading in ("tool", "floor", "diff"):
        table.add_column(heading, justify="right")
    tool_steps, floor_steps = figures["tool_steps"], figures["floor_steps"]
    for t, f in zip(tool_steps, floor_steps, strict=True):
        table.add_row(*_pair(t["name"], t["seconds"], f["seconds"]))
    table.add_section()
    tool_sum = sum(s["seconds"] for s in tool_steps)
    floor_sum = sum(s["seconds"] for s in floor_steps)
    table.add_row(*_pair(f"all {SCREENS} steps", tool_sum, floor_sum))
    walls = figures["last_wall_s"]
    table.add_row(*_pair("outside the steps", walls["tool"] - tool_sum, walls["floor"] - floor_sum))
    return table


def _pair(name: str, tool: float, floor_: float) -> tuple[str, str, str, str]:
    return name, f"{tool:.3f}", f"{floor_:.3f}", f"{tool - floor_:+.3f}"


def _report(figures: dict[str, Any]) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    console.print(f"\n{figures['rounds']} rounds:")
    console.print(_totals_table(figures))
    console.print(
        f"ratio tool/floor (median/median): {figures['ratio']:.2f}  target <= {figures['target']:.2f}"
        f"   (cpu time {figures['cpu_ratio']:.2f}, for reference)"
    )
    console.print("\nper step, last round (seconds since the previous screenshot; step 1 includes goto):")
    console.print(_steps_table(figures))
    tool_wall, run_seconds = figures["last_wall_s"]["tool"], figures["tool_run_seconds"]
    console.print(
        f"tool: run_cancel took {run_seconds:.3f} s of {tool_wall:.3f} s wall; "
        f"{tool_wall - run_seconds:.3f} s is interpreter + imports + CLI + exit"
    )
    marks = figures["floor_marks_from_spawn"]
    phases = " · ".join(f"{name} +{t:.3f}" for name, t in marks.items())
    console.print(f"floor timeline from spawn (s): {phases} · exit +{figures['last_wall_s']['floor']:.3f}")


def bench(rounds: int, target: float, json_path: Path | None) -> int:
    recording, env = _setup()
    _warn_if_busy()
    try:
        runs = _rounds(rounds, recording, env)
    except BenchError as exc:
        print(f"\nFAIL: {exc}", file=sys.stderr)
        return 2
    figures = _figures(runs, target)
    _report(figures)
    if json_path is not None:
        json_path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {json_path}")
    ratio = figures["ratio"]
    if figures["pass"]:
        print(f"\nOK: the tool takes {ratio:.2f}x the floor's time (target <= {target:.2f}).")
        return 0
    print(
        f"\nTOO SLOW: the tool takes {ratio:.2f}x the floor's time; the target is <= {target:.2f}.",
        file=sys.stderr,
    )
    return 1


def floor_once() -> int:
    """One floor run, measured as in the benchmark (no warm-up): its wall seconds alone on the
    last line, for scripts/test's "Suite: … = N floor runs"."""
    recording, env = _setup()
    try:
        result = run_once("floor", recording, env)
    except BenchError as exc:
        print(f"FAIL: {exc}", file=sys.stderr)
        return 2
    print(
        f"one floor run: {result['wall_s']:.2f} s wall, cpu {result['cpu_s']:.2f} s, "
        f"peak {result['peak_mib']:.0f} MiB"
    )
    print(f"{result['wall_s']:.3f}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--floor"]:  # the floor subprocess: keep its start-up lean
        if len(argv) != 3:
            print("usage: bench.py --floor URL OUTDIR", file=sys.stderr)
            return 2
        return floor(argv[1].rstrip("/"), Path(argv[2]))
    if os.name != "posix":
        print("scripts/bench reads the CPU time of runs through `resource`: POSIX only.", file=sys.stderr)
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
    parser.add_argument(
        "--floor-once",
        action="store_true",
        help="only one floor run; print its wall seconds (the last line is the number alone)",
    )
    args = parser.parse_args(argv)
    if args.floor_once:
        return floor_once()
    if args.json is not None and not args.json.is_absolute():  # relative to the caller's folder
        args.json = Path(os.environ.get("BENCH_CALLER_CWD", os.getcwd())) / args.json
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return bench(args.rounds, args.target, args.json)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
