"""Write the bundled recordings' templates (contracts/<screen>.aria.yml) from the recordings.

    .venv/bin/python scripts/contracts.py [--site NAME] [--screenshots]

Each of the site's bundled recordings (Site.recordings: one per language) is served on a
replay and checked against itself, as `automator check --update DIR` would check the live
site; every template that is not what the recording's own pages give is rewritten, with its
diff printed. The templates are made by the code that makes them for `automator record`
(automator/contracts.py `template_of`), so after a change to that code or to a recording's
pages this script brings them up to date; tests/test_check.py fails while they are stale.
Each template gets the screenshot it was made from (contracts/<screen>.png), the "recorded"
side of a check report's comparison. Never writes a template for a breaking change (a
recording the flow cannot walk): exits 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from automator.check import check_itself  # noqa: E402
from automator.cli.console import ConsoleUI  # noqa: E402
from automator.contract_files import Rebaseline, rebaseline, screenshot_file, write_screenshots  # noqa: E402
from automator.recording import BUNDLED  # noqa: E402
from automator.sites import DEFAULT_SITE, site_named  # noqa: E402


def update(name: str, site: str, every_screenshot: bool = False) -> list[Rebaseline]:
    """Rewrite the stale templates of recording `name`, and the screenshots beside them (those
    of a template rewritten, or missing; with `every_screenshot`, all)."""
    directory = BUNDLED / name
    with tempfile.TemporaryDirectory(prefix="automator-contracts-") as work:
        recording, report = check_itself(directory, site, ConsoleUI(), out_dir=Path(work))
        if report.verdict != "unchanged":
            raise SystemExit(f"{name}: the check does not get through its own recording: {report.message}")
        changes = rebaseline(directory, recording, report.screens, accept_breaking=False)
        rewritten = {change.screen for change in changes}

        def wanted(screen: str) -> bool:
            return every_screenshot or screen in rewritten or not screenshot_file(directory, screen).is_file()

        shots = {
            screen.name: Path(work) / screen.screenshot
            for screen in report.screens
            if screen.suggested and screen.screenshot and wanted(screen.name)
        }
        write_screenshots(directory, shots)
    return changes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default=DEFAULT_SITE)
    parser.add_argument(
        "--screenshots", action="store_true", help="rewrite every screenshot too (after the masks change)"
    )
    args = parser.parse_args()
    site = site_named(args.site)
    for name in site.recordings.values():
        changes = update(name, site.name, args.screenshots)
        for change in changes:
            print(change.diff)
            print(change.summary, file=sys.stderr)
        print(f"{name}: {len(changes)} template(s) written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
