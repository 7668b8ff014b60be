"""Reading a dialog's controls the way a person does, for the handlers of the dialogs: a radio
button's name as it reads next to the button, a control's visible text for the messages, and
what a person can act on in a dialog (from its ARIA snapshot), sorted by what the string table
says each control is: confirming, declining, a way back, a close control, a field, or other."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator

from automator.sites.coursera.strings import Strings

# A radio button's accessible name, as a person reads it next to the button.
RADIO_NAMES = """radios => radios.map(e => {
  const by = (e.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
    .map(id => (document.getElementById(id) || {}).innerText || "").join(" ");
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  const wrapped = e.closest("label") ? e.closest("label").innerText : "";
  const own = e.tagName === "INPUT" ? "" : e.innerText;
  return (e.getAttribute("aria-label") || by || label || wrapped || own || "").trim();
})"""
# Roles in an ARIA snapshot that a person can act on in a dialog.
ACTION_ROLES = ("button", "link", "menuitem", "tab")
FIELD_ROLES = (
    "textbox",
    "searchbox",
    "checkbox",
    "radio",
    "combobox",
    "switch",
    "slider",
    "spinbutton",
    "listbox",
)


@dataclass(frozen=True)
class Action:
    """A control in a dialog, as its ARIA snapshot lists it."""

    role: str
    name: str
    disabled: bool


SNAPSHOT_LINE = re.compile(
    r'^\s*- (?P<role>[\w-]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<flags>(?: \[[^\]]*\])*)'
)
KINDS = ("confirm", "decline", "back", "close", "field", "other")


def sort_actions(snapshot: str, s: Strings) -> dict[str, list[Action]]:
    """What a person can act on in a dialog (from its ARIA snapshot), by what the table says it is."""
    found: dict[str, list[Action]] = {k: [] for k in KINDS}
    for line in snapshot.splitlines():
        match = SNAPSHOT_LINE.match(line)
        if not match or match["role"] not in ACTION_ROLES + FIELD_ROLES:
            continue
        action = Action(
            match["role"], (match["name"] or "").replace('\\"', '"'), "disabled" in match["flags"]
        )
        found[_kind(action, s)].append(action)
    return found


def _kind(action: Action, s: Strings) -> str:
    if action.role in FIELD_ROLES:
        return "field"
    if action.role == "button" and s.confirm.match(action.name):
        return "confirm"
    if s.decline_offer.match(action.name):
        return "decline"
    if s.way_back.match(action.name):
        return "back"
    if s.close.match(action.name) or not action.name.strip():
        return "close"
    return "other"


def control(dialog: Locator, action: Action) -> Locator:
    """The control in `dialog` that the snapshot's `action` is."""
    return dialog.get_by_role(action.role, name=action.name, exact=True).filter(visible=True).first  # type: ignore[arg-type]


def name_of(control: Locator) -> str:
    """A control's visible text, or its label, for the messages."""
    try:
        text = control.first.inner_text(timeout=2000) or control.first.get_attribute(
            "aria-label", timeout=2000
        )
    except PlaywrightError:
        return ""
    return " ".join((text or "").split())
