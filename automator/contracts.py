"""Screen contracts: what the flow relies on, per screen, checked by `automator check`.

A contract lists the locators the flow uses there (each must resolve to exactly one visible
element) and, where it acts inside a region, an ARIA snapshot template of that region.
Templates use `/children: equal` where an added element matters (the final dialog, offers)
and regular expressions for prices, dates and names, so that a new "Get 50% off" button is
drift and a new price is not.

No contract snapshots the sign-in form: an ARIA snapshot prints the values of its fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

LocatorFn = Callable[[Page], Locator]


@dataclass(frozen=True)
class Contract:
    locators: dict[str, LocatorFn]
    region: LocatorFn | None = None  # where the ARIA template applies
    template: str | None = None
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
    expected: str | None = None  # the template
    actual: str | None = None  # the region's ARIA snapshot, personal data scrubbed
    suggested: str | None = None  # a template that would match what is there now

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


def check_screen(
    page: Page, name: str, contract: Contract, scrub: Callable[[str], str], timeout_ms: float = 1000
) -> ScreenCheck:
    """Hold the page against its contract, without acting on it."""
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
    if contract.region and contract.template:
        region = contract.region(page).first
        result.expected = contract.template.strip("\n")
        try:
            expect(region).to_match_aria_snapshot(contract.template, timeout=timeout_ms)
        except (AssertionError, PlaywrightTimeout):
            result.problems.append("the ARIA tree differs from the template")
            try:
                result.actual = scrub(region.aria_snapshot(timeout=timeout_ms))
                strict = "/children: equal" in contract.template
                result.suggested = suggest_template(result.actual, strict, contract.volatile)
            except PlaywrightTimeout:
                result.actual = "(the region is not on the page)"
    if result.problems:
        result.status = "changed"
    return result


def suggest_template(snapshot: str, strict: bool = False, volatile: re.Pattern[str] | None = None) -> str:
    """The snapshot as a template: what matches `volatile` (the site's dates and prices) becomes
    a regular expression, URLs are dropped, and with `strict` the root's children must be
    exactly these (as `/children: equal`)."""
    lines = []
    for line in snapshot.splitlines():
        if line.strip().startswith("- /url:"):
            continue
        match = re.match(r"^(\s*- [\w-]+(?: \"[^\"]*\")?(?: \[[^\]]*\])*): (.+)$", line)
        if match and volatile is not None and volatile.search(match.group(2)):
            pieces = volatile.split(match.group(2))
            pattern = r".+?".join(_js_escape(piece) for piece in pieces)
            line = f"{match.group(1)}: /{pattern}/"
        lines.append(line)
    for i, line in enumerate(lines):  # a node whose only children were URLs has none now
        indent = len(line) - len(line.lstrip())
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if line.endswith(":") and len(following) - len(following.lstrip()) <= indent:
            lines[i] = line[:-1]
    if strict and lines:
        child_indent = " " * (len(lines[0]) - len(lines[0].lstrip()) + 2)
        lines.insert(1, f"{child_indent}- /children: equal")
    return "\n".join(lines)


def _js_escape(text: str) -> str:
    """Escape for a JavaScript regular expression between slashes (Playwright compiles them)."""
    return re.sub(r"([.*+?^${}()|\[\]\\/])", r"\\\1", text)
