"""Where the tests find things: the repository, its recordings, and the base recording."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
FIXTURES = REPO / "fixtures"
BASE = FIXTURES / "coursera"
