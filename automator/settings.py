"""One frozen RunSettings per run, built by the CLI from options and the environment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from automator.errors import ConfigError
from automator.sites import DEFAULT_SITE

DEFAULT_BASE_URL = "https://www.coursera.org"
BASE_URL_ENV = "AUTOMATOR_BASE_URL"
DEFAULT_TIMEOUT_S = 30.0
# How long to wait for the person to do something in the browser (solve a CAPTCHA, type a code).
DEFAULT_HUMAN_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class RunSettings:
    base_url: str
    dry_run: bool
    headless: bool
    out_dir: Path
    data_dir: Path
    timeout_s: float = DEFAULT_TIMEOUT_S
    reason: str | None = None
    subscription: str | None = None
    human_timeout_s: float = DEFAULT_HUMAN_TIMEOUT_S
    site: str = DEFAULT_SITE  # a name in automator.sites.SITES
    # False: only where a run stops is photographed, not every screen on the way. For callers
    # that walk the flow many times and look at none of those pictures (the test matrices).
    every_screenshot: bool = True

    @property
    def timeout_ms(self) -> float:
        return self.timeout_s * 1000


def normalise_base_url(url: str) -> str:
    """An http(s) origin without a trailing slash; anything else is a ConfigError."""
    url = url.strip().rstrip("/")
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        raise ConfigError(f"--base-url must be an http:// or https:// address, not {url!r}")
    return url


def default_out_dir(data_dir: Path, now: datetime, prefix: str = "") -> Path:
    """A new timestamped run folder under the user's data folder; one not there yet (a run
    refuses a folder that holds files), so a second run within the same second gets `-2`."""
    stamp = data_dir / "runs" / f"{prefix}{now.strftime('%Y%m%d-%H%M%S')}"
    folder, number = stamp, 1
    while folder.exists():
        number += 1
        folder = stamp.with_name(f"{stamp.name}-{number}")
    return folder
