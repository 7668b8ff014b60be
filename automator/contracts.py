"""Screen contracts: what the flow relies on, per screen, checked by `automator check`.

A contract, in the site's code, lists the locators the flow uses there (each must resolve to
exactly one visible element) and the region it acts in. The region's ARIA template is not in
the code: it is kept in the recording (`contracts/<screen>.aria.yml`, automator/contract_files.py),
made from the page by `template_of`, the one function that writes templates (for `record`,
`check --update` and the template a report suggests). A template lists the region's tree with
prices, dates and personal data as patterns, and `/children: equal` where an added element
matters (the final dialog, offers), so that a new "Get 50% off" button is a difference and a
new price is not.

No contract has a region in the sign-in form: an ARIA snapshot prints the values of its fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

LocatorFn = Callable[[Page], Locator]
# What the sites' scrubbers leave where personal data was (a name, an email, card digits).
PERSONAL = re.compile(r"\[redacted\]|••••")


@dataclass(frozen=True)
class Contract:
    locators: dict[str, LocatorFn]
    region: LocatorFn | None = None  # where the recorded ARIA template applies
    strict: bool = False  # the region's children must be exactly the recorded ones
    # What changes from day to day on the site (its dates and prices): not drift.
    volatile: re.Pattern[str] | None = None


@dataclass
class ScreenCheck:
    """One screen's verdict."""

    name: str
    status: str  # "unchanged", "changed", "missing", "new"
    title: str = ""
    url: str = ""
    screenshot: str | None = None
    # The recording's picture of the screen, if it has one (relative to the check's out dir, or absolute).
    recorded_screenshot: str | None = None
    problems: list[str] = field(default_factory=list)
    # What the flow relies on broke (a locator, the walk itself); else a changed tree is harmless.
    breaking: bool = False
    expected: str | None = None  # the recorded template
    actual: str | None = None  # the region's ARIA snapshot, personal data scrubbed (when it differs)
    suggested: str | None = None  # the template of what is there now (what `check --update` writes)
    notes: list[str] = field(default_factory=list)  # what was not checked, and why

    def as_dict(self) -> dict[str, object]:
        data = {k: v for k, v in self.__dict__.items() if v not in (None, [], "")}
        if self.status != "unchanged":
            data["breaking"] = self.breaking
        else:
            data.pop("breaking", None)
        return data

    @property
    def verdict(self) -> str:
        """In words: unchanged, changed (breaking), changed (harmless), missing, new."""
        if self.status == "changed":
            return "changed (breaking)" if self.breaking else "changed, harmless"
        return self.status


# The walk has recognised the screen before it is checked: its tree is there. A short retry
# covers a region still being filled in; a tree that differs is reported, never waited out.
SETTLED_MS = 400.0


def check_screen(
    page: Page, name: str, contract: Contract, template: str | None, scrub: Callable[[str], str]
) -> ScreenCheck:
    """Hold the page against its contract and the recorded template, without acting on it."""
    result = ScreenCheck(name=name, status="unchanged")
    for label, make in contract.locators.items():
        locator = make(page)
        count = locator.count()
        if count != 1:
            result.problems.append(f"{label}: expected exactly one, found {count}")
            result.breaking = True
        elif not locator.is_visible():
            result.problems.append(f"{label}: found but not visible")
            result.breaking = True
    if contract.region is not None:
        _compare_region(page, contract, template, scrub, result)
    if result.problems:
        result.status = "changed"
    return result


def template_of(page: Page, contract: Contract, scrub: Callable[[str], str]) -> tuple[str, str] | None:
    """The region's scrubbed ARIA snapshot and its template, as the page shows it now; None
    when the region is not on the page. The one source of templates: record, check --update."""
    assert contract.region is not None
    try:
        snapshot = scrub(contract.region(page).first.aria_snapshot(timeout=SETTLED_MS))
    except PlaywrightTimeout:
        return None
    return snapshot, suggest_template(snapshot, contract.strict, contract.volatile)


def _compare_region(
    page: Page, contract: Contract, template: str | None, scrub: Callable[[str], str], result: ScreenCheck
) -> None:
    assert contract.region is not None
    now = template_of(page, contract, scrub)
    if now is None:
        result.problems.append("the region the flow acts in is not on the page")
        return
    snapshot, result.suggested = now
    if template is None:
        result.notes.append("no recorded template to compare with (`check --update DIR` writes one)")
        return
    result.expected = template.strip("\n")
    try:
        expect(contract.region(page).first).to_match_aria_snapshot(template, timeout=SETTLED_MS)
    except (AssertionError, PlaywrightTimeout):
        result.problems.append("the ARIA tree differs from the recorded template")
        result.actual = snapshot


def suggest_template(snapshot: str, strict: bool = False, volatile: re.Pattern[str] | None = None) -> str:
    """The snapshot as a template: what matches `volatile` (the site's dates and prices) or was
    scrubbed as personal becomes a regular expression, URLs are dropped, and with `strict` the
    root's children must be exactly these (as `/children: equal`)."""
    patterns = (PERSONAL.pattern, volatile.pattern if volatile else "")
    changing = re.compile("|".join(p for p in patterns if p), re.I)
    lines = []
    for line in snapshot.splitlines():
        if line.strip().startswith("- /url:"):
            continue
        lines.append(_with_patterns(line, changing))
    for i, line in enumerate(lines):  # a node whose only children were URLs has none now
        indent = len(line) - len(line.lstrip())
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if line.endswith(":") and len(following) - len(following.lstrip()) <= indent:
            lines[i] = line[:-1]
    if strict and lines:
        child_indent = " " * (len(lines[0]) - len(lines[0].lstrip()) + 2)
        lines.insert(1, f"{child_indent}- /children: equal")
    return "\n".join(lines)


def _with_patterns(line: str, changing: re.Pattern[str]) -> str:
    """One line of a snapshot with what changes (in a node's name or its text) as a pattern."""
    match = re.match(r'^(\s*- [\w-]+)(?: "((?:[^"\\]|\\.)*)")?((?: \[[^\]]*\])*)(:?)(?: (.+))?$', line)
    if not match:
        return line
    head, name, attributes, colon, text = match.groups()
    if name is not None and changing.search(name):
        head += f" /{_pattern(name, changing)}/"
    elif name is not None:
        head += f' "{name}"'
    if text is not None and changing.search(text):
        text = f"/{_pattern(text, changing)}/"
    return f"{head}{attributes}{colon}" + (f" {text}" if text is not None else "")


def _pattern(text: str, changing: re.Pattern[str]) -> str:
    return r".+?".join(_js_escape(piece) for piece in changing.split(text))


def _js_escape(text: str) -> str:
    """Escape for a JavaScript regular expression between slashes (Playwright compiles them)."""
    return re.sub(r"([.*+?^${}()|\[\]\\/])", r"\\\1", text)
