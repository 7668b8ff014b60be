"""The shape of the code that tests cannot otherwise see: the engine knows no site by name.

Everything Coursera-specific (words, locators, cookie names, addresses) lives behind the `Site`
in automator/sites/coursera/ or in the recordings; the engine walks whatever site it is given.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from automator.errors import ConfigError
from automator.sites import SITES, default_site, site_named

ROOT = Path(__file__).resolve().parent.parent / "automator"
# The engine: the walk, the run, the evidence, the check, the recorder, the replay and the reports'
# templates.
PACKAGES = ("flow", "replay", "scramble")  # every module in them
ENGINE = [
    "activity.py", "approval.py", "cancel.py", "check.py", "contracts.py", "evidence.py", "reach.py",
    "demo.py", "printing.py",  # automator demo; the receipt's PDF
    "facts.py", "interaction.py", "login.py", "messages.py", "record.py", "recording.py",
    "report.py", "traffic.py", "verify.py", "sites/base.py", "account.py", "credentials.py",
    "keystore.py", "language.py", "start.py", "alerts.py", "from_run.py", "personal.py",
    "contract_files.py", "snapshots.py", "check_report.py", "watch.py", "masks.py", "refund.py",
    "proof.py", "history.py", "runs.py", "holdings.py", "status_walk.py", "reminders.py",
    "html_report.py", *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").glob("*.j2")),
    *sorted(p.relative_to(ROOT).as_posix() for package in PACKAGES for p in (ROOT / package).glob("*.py")),
]
SITE_WORDS = re.compile(r"coursera|CAUTH|user dropdown menu", re.I)


@pytest.mark.parametrize("module", ENGINE)
def test_the_engine_names_no_site_word(module: str) -> None:
    text = (ROOT / module).read_text(encoding="utf-8")
    found = [f"{n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1) if SITE_WORDS.search(line)]
    assert not found, found


def test_every_engine_package_is_read() -> None:
    """A package that moved or was renamed would otherwise be checked by nobody."""
    assert {f"{package}/__init__.py" for package in PACKAGES} <= set(ENGINE)


def test_the_check_can_fail() -> None:
    assert SITE_WORDS.search((ROOT / "sites" / "coursera" / "__init__.py").read_text(encoding="utf-8"))


def test_sites_are_found_by_name_and_an_unknown_one_is_a_usage_error() -> None:
    assert default_site() is site_named("coursera") and set(SITES) == {"coursera"}
    assert default_site().title == "Coursera"
    with pytest.raises(ConfigError, match="no site named 'udemy'; known: coursera"):
        site_named("udemy")
