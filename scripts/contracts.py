"""Write the bundled recordings' templates (contracts/<screen>.aria.yml) from the recordings.

    .venv/bin/python scripts/contracts.py [--site NAME]

Each of the site's bundled recordings (Site.recordings: one per language) is served on a
replay and checked against itself, as `automator check --update DIR` would check the live
site; every template that is not what the recording's own pages give is rewritten, with its
diff printed. The templates are made by the code that makes them for `automator record`
(automator/contracts.py `template_of`), so after a change to that code or to a recording's
pages this script brings them up to date; tests/test_check.py fails while they are stale.
Never writes a template for a breaking change (a recording the flow cannot walk): exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from automator.check import check_itself  # noqa: E402
from automator.cli.console import ConsoleUI  # noqa: E402
from automator.contract_files import Rebaseline, rebaseline  # noqa: E402
from automator.recording import BUNDLED  # noqa: E402
from automator.sites import DEFAULT_SITE, site_named  # noqa: E402


def update(name: str, site: str) -> list[Rebaseline]:
    recording, report = check_itself(BUNDLED / name, site, ConsoleUI())
    if report.verdict != "unchanged":
        raise SystemExit(f"{name}: the check does not get through its own recording: {report.message}")
    return rebaseline(BUNDLED / name, recording, report.screens, accept_breaking=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default=DEFAULT_SITE)
    site = site_named(parser.parse_args().site)
    for name in site.recordings.values():
        changes = update(name, site.name)
        for change in changes:
            print(change.diff)
            print(change.summary, file=sys.stderr)
        print(f"{name}: {len(changes)} template(s) written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
