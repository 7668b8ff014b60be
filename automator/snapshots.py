"""A recording's snapshots: one per screen the walk met, and the way from one to the next when
the site showed the next without loading a page (a dialog opening over the same page).

`automator record` keeps each screen's DOM. A screen that came without a page load becomes the
next snapshot of the same URL, served at `PATH?recorded_step=N` (a case on `query.recorded_step`),
and the control the walk pressed on the screen before it gets `data-recorded-next` with that
address: the recording's own script (`STEP_SCRIPT`, in static/recorded.js) goes there when it
is pressed. The replay moves on by a plain GET, so nothing about it can change the account and
the flow's guard sees nothing new. To know which control that was, every control is marked
while the screen is kept (`mark_controls`), and the walk tells which one it is about to press
(`mark_of`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

STEP = "recorded_step"  # the query parameter that picks a snapshot of a URL
NEXT = "data-recorded-next"  # on a kept control: the address of the snapshot it leads to
MARK = "data-automator-mark"  # on every control while the walk is recorded; never kept
CONTROLS = (
    "a, button, input, select, textarea, summary, label, [tabindex], [role=button], [role=link],"
    " [role=menuitem], [role=menuitemradio], [role=menuitemcheckbox], [role=tab], [role=radio],"
    " [role=checkbox], [role=option], [role=switch]"
)
# Marks each control with the snapshot's number and its own; says whether the page is still
# the document the previous snapshot was taken in (no page load since).
MARK_CONTROLS = f"""n => {{
  const before = window.__automatorSnapshot;
  window.__automatorSnapshot = n;
  document.querySelectorAll({CONTROLS!r}).forEach((el, i) => el.setAttribute({MARK!r}, n + "-" + i));
  return before === n - 1;
}}"""
READ_MARK = f"el => {{ const c = el.closest('[{MARK}]'); return c ? c.getAttribute('{MARK}') : null; }}"
STEP_SCRIPT = f"""// ...and where the site showed its next screen without loading a page (a dialog), the
// control the walk pressed leads to that screen's snapshot.
document.addEventListener("click", function (event) {{
  var control = event.target.closest("[{NEXT}]");
  if (!control) return;
  if (!/^(radio|checkbox)$/.test(control.type || "")) event.preventDefault();
  event.stopPropagation();
  location.assign(control.getAttribute("{NEXT}"));
}}, true);
"""


@dataclass
class Seen:
    """One screen met: its name, path and DOM (with the controls marked)."""

    name: str
    path: str
    html: str
    signed_in: bool
    continued: bool = False  # shown in the same document as the screen before (no page load)
    control: str | None = None  # the mark of the last control the walk pressed here


def mark_controls(page: Page, number: int) -> bool:
    """Mark the page's controls for snapshot `number`; True if no page loaded since the last one."""
    return bool(page.evaluate(MARK_CONTROLS, number))


def mark_of(target: Locator, number: int) -> str | None:
    """The mark of the control `target` (or the control around it) in snapshot `number`."""
    try:
        mark = target.evaluate(READ_MARK, timeout=1000)
    except PlaywrightError:
        return None
    return str(mark) if isinstance(mark, str) and mark.startswith(f"{number}-") else None


def lead_on(html: str, control: str | None, url: str | None) -> str:
    """The snapshot without the marks; the control pressed on it, if the next screen came
    without a page load, leads to `url`, that screen's snapshot (and is enabled, as it was when
    the walk pressed it)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True, attrs={MARK: True}):
        if url is not None and tag[MARK] == control:
            tag[NEXT] = url
            for attr in ("disabled", "aria-disabled"):
                tag.attrs.pop(attr, None)
        del tag[MARK]
    return str(soup)


def placements(screens: list[Seen], path_of: Callable[[str], str]) -> list[str | None]:
    """Where the recording serves each screen: its path; `path?recorded_step=N` for a later
    snapshot of a path met without a page load; None for a page load of a path kept already,
    in the same signed-in state (the route serves it as it is)."""
    snapshots: dict[str, int] = {}  # path -> snapshots numbered so far
    states: dict[str, set[bool]] = {}  # path -> the signed-in states it has a page for
    urls: list[str | None] = []
    for seen in screens:
        path = path_of(seen.path)
        if path in snapshots and seen.continued:
            urls.append(f"{path}?{STEP}={snapshots[path]}")
            snapshots[path] += 1
        elif path not in snapshots or seen.signed_in not in states[path]:
            urls.append(path)
            snapshots.setdefault(path, 1)
            states.setdefault(path, set()).add(seen.signed_in)
        else:
            urls.append(None)
    return urls


def page_routes(
    screens: list[Seen], path_of: Callable[[str], str], keep: Callable[[str, Seen, str | None], None]
) -> dict[str, Any]:
    """A `GET` route per path, with a case per later snapshot (by `query.recorded_step`) or per
    signed-in state; `keep(page_name, seen, next_url)` writes each page kept."""
    routes: dict[str, dict[str, Any]] = {}
    urls = placements(screens, path_of)
    for n, (seen, url) in enumerate(zip(screens, urls, strict=True), 1):
        if url is None:
            continue
        page = f"{n:02d}-{seen.name}.html"
        after = screens[n] if n < len(screens) else None
        keep(page, seen, urls[n] if after is not None and after.continued else None)
        path, _, step = url.partition(f"?{STEP}=")
        route = routes.setdefault(f"GET {path}", {"page": page, **({"auth": True} if seen.signed_in else {})})
        if route["page"] != page:
            when = {f"query.{STEP}": step} if step else {"signed_in": "true" if seen.signed_in else "false"}
            route.setdefault("cases", []).append({"if": when, "page": page})
    return dict(routes)


def gaps(screens: list[Seen], path_of: Callable[[str], str]) -> list[str]:
    """The screens the recording cannot step to: the site showed them without a page load, and
    the walk pressed no control the recording kept on the screen before (or kept no page of it)."""
    urls = placements(screens, path_of)
    return [
        f"the site showed '{seen.name}' after '{before.name}' without loading a page, and the "
        f"recording keeps no control that leads there: its replay shows it only at {url}"
        for before, seen, url, url_before in zip(screens, screens[1:], urls[1:], urls, strict=False)
        if seen.continued and (before.control is None or url_before is None)
    ]
