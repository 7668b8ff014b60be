"""The HTML reports (a run's report.html, a check's report.html), rendered from templates.

The templates are package data (automator/templates/*.html.j2), found through the package,
so an installed tool renders them from any folder. Jinja2 escapes every value (autoescaping
is on, and undefined names are errors), so a page title such as `<script>` stays text.
What the two reports share is here: the environment, local dates, links to files, a unified
diff as coloured lines, and values in words rather than as Python's reprs.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("automator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["href"] = href
    env.filters["local_time"] = local_time
    env.filters["path_in"] = path_in
    env.filters["words"] = words
    return env


def render(template: str, **context: Any) -> str:
    """The page `template` (a file in automator/templates/) with `context`."""
    return environment().get_template(template).render(**context)


def write_page(path: Path, template: str, **context: Any) -> Path:
    path.write_text(render(template, **context), encoding="utf-8")
    return path


def href(path: str | Path) -> str:
    """A link to a file: a relative path stays relative to the report (URL-quoted), an absolute
    one becomes a file:// URL."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(PurePosixPath(Path(path)).as_posix())


def path_in(url: str, base_url: str) -> str:
    """A page's address without the site's (shown once at the top): '/login'."""
    base = base_url.rstrip("/")
    rest = url[len(base) :] if url.startswith(base) else None
    return (rest or "/") if rest is not None and rest[:1] in ("", "/") else url


def local_time(stamp: str | None) -> str:
    """An ISO 8601 time as a person reads it, in this machine's time zone:
    'Monday 14 December 2026, 09:30 CET'. Text that is not such a time is kept as it is."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    local = moment.astimezone() if moment.tzinfo else moment
    zone = f" {local.tzname()}" if local.tzinfo and local.tzname() else ""
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M}{zone}"


def words(value: Any) -> str:
    """A value in words, never a Python repr: lists and mappings as 'a; b' and 'key: value'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{label(str(k))}: {words(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, (list, tuple)):
        return "; ".join(words(v) for v in value)
    return "" if value is None else str(value)


def label(key: str) -> str:
    """A field's name as a heading: 'next_billing_date' → 'Next billing date'."""
    return key.replace("_", " ").capitalize()


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "context" or "hunk" (an @@ line) or "file" (the ---/+++ lines)
    text: str


def diff_lines(before: str, after: str, before_name: str, after_name: str) -> list[DiffLine]:
    """The unified diff of two texts, each line with its kind, for colouring (no lines when
    they are the same)."""
    lines = list(
        difflib.unified_diff(before.splitlines(), after.splitlines(), before_name, after_name, lineterm="")
    )
    # The first two lines name the texts: a removed line of its own may start with "--".
    names = [DiffLine("file", line) for line in lines[:2]]
    return names + [DiffLine(_kind(line), line) for line in lines[2:]]


def _kind(line: str) -> str:
    if line.startswith("@@"):
        return "hunk"
    return {"+": "added", "-": "removed"}.get(line[:1], "context")
