"""What the walk asks the page in its own script, without waiting on any screen: a brief
fingerprint of what it shows (whose change is the page moving on after an action), whether a
control can take a click now, and the words of an open dialog or an alert for a drift message.
Every probe answers rather than raises when the page is between two documents.
"""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from automator.flow.recognition import open_dialogs

# What the page shows, in brief: a change of it is the page moving on after an action.
# The URL, each open dialog's name, headings and controls, and the visible headings.
FINGERPRINT = """() => {
  const shown = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
    && getComputedStyle(e).visibility !== "hidden";
  const text = e => (e.getAttribute("aria-label") || e.innerText || "").trim().replace(/\\s+/g, " ");
  const heads = root => [...root.querySelectorAll("h1,h2,h3,h4,h5,h6,[role=heading]")]
    .filter(shown).map(text);
  const dialogs = [...document.querySelectorAll("[role=dialog],[role=alertdialog],dialog[open]")]
    .filter(shown)
    .map(d => [d.getAttribute("aria-label") || "", ...heads(d),
      ...[...d.querySelectorAll("button,a,[role=button],[role=link]")].filter(shown).map(text)].join("|"));
  return [location.href, ...dialogs, "--", ...heads(document)].join("\\n");
}"""
# Whether a control can take a click now: null, or what stops it ("disabled", "covered" and
# what covers it, "gone"). A click at the centre must land on the control (or its label).
ACTIONABLE = """el => {
  if (!el.isConnected) return {problem: "gone"};
  if (el.disabled || el.getAttribute("aria-disabled") === "true"
      || el.closest("[aria-disabled=true], fieldset[disabled], [inert]")) return {problem: "disabled"};
  let box = el.getBoundingClientRect();
  if (box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth) {
    el.scrollIntoView({block: "center", inline: "nearest"});
    box = el.getBoundingClientRect();
  }
  if (!box.width || !box.height) return {problem: "hidden"};
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const labels = [...(el.labels || [])];
  const owns = n => n === el || el.contains(n) || labels.some(l => l === n || l.contains(n));
  if (hit && owns(hit)) return null;
  if (!hit) return {problem: "covered", by: ""};
  const holder = hit.closest("[role=dialog],[role=alertdialog],dialog,[role=region],[aria-label]") || hit;
  const by = (holder.getAttribute("aria-label") || holder.innerText || "").trim().replace(/\\s+/g, " ");
  return {problem: "covered", by: by.slice(0, 160)};
}"""


def fingerprint(page: Page) -> str:
    """The page's FINGERPRINT now; empty while it cannot be read (between two documents)."""
    try:
        return str(page.evaluate(FINGERPRINT))
    except PlaywrightError:
        return ""


def moved_from(page: Page, before: str, timeout_ms: float) -> bool:
    """Whether the page shows something else than `before` (its fingerprint), within timeout_ms."""
    try:
        changed = f"before => ({FINGERPRINT})() !== before"
        # Polled by timer, not by animation frame: a page in a background tab (a pop-up took
        # the front) gets no animation frames.
        page.wait_for_function(changed, arg=before, timeout=timeout_ms, polling=100)
    except PlaywrightTimeout:
        return False
    except PlaywrightError:  # the page is between two documents: it is moving
        return True
    return True


def dialog_name(page: Page) -> str:
    """The name (or else the text) of the first open dialog, in brief; empty if none is read."""
    try:
        dialog = open_dialogs(page).first
        name = dialog.get_attribute("aria-label", timeout=1000) or dialog.inner_text(timeout=1000)
    except PlaywrightError:
        return ""
    return " ".join(name.split())[:80]


def alert_text(page: Page) -> str:
    """What a visible ARIA alert on the page says; empty if there is none."""
    try:
        alerts = page.get_by_role("alert").filter(visible=True)
        return " ".join(alerts.first.inner_text(timeout=1000).split()) if alerts.count() else ""
    except PlaywrightError:
        return ""
