from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from automator.errors import ConfigError
from automator.settings import default_out_dir, normalise_base_url
from automator.status import EXIT_CODES, Status


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://www.coursera.org", "https://www.coursera.org"),
        ("https://www.coursera.org/", "https://www.coursera.org"),
        (" http://127.0.0.1:8080/ ", "http://127.0.0.1:8080"),
    ],
)
def test_base_url_is_normalised(given: str, expected: str) -> None:
    assert normalise_base_url(given) == expected


@pytest.mark.parametrize("bad", ["www.coursera.org", "ftp://x", "file:///etc/passwd", "", "http://"])
def test_base_url_must_be_http(bad: str) -> None:
    with pytest.raises(ConfigError, match="http"):
        normalise_base_url(bad)


def test_default_out_dir_is_timestamped() -> None:
    assert default_out_dir(Path("/d"), datetime(2026, 11, 26, 7, 8, 9)) == Path("/d/runs/20261126-070809")


def test_every_status_has_a_distinct_exit_code() -> None:
    assert set(EXIT_CODES) == set(Status)
    codes = [code for status, code in EXIT_CODES.items() if status is not Status.DRY_RUN_COMPLETE]
    assert len(codes) == len(set(codes))
    assert 2 not in codes  # reserved for usage errors
