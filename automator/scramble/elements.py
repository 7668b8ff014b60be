"""The changes of element type, each keeping what the element means to a person and to the
accessibility tree: the sign-in served as a page or as a modal dialog, plain lists as `role=list` or
as table rows, headings at other levels or as `role=heading`, and `<button>` turned into
`<div role="button">` and back, with `BEHAVIOUR_JS`, the script that does for a converted button what
a native one would have done.
"""

from __future__ import annotations

import random

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString

from automator.scramble.tree import NAME_ROLES, attr, child_tags, name_in, role, some, tags, within, words

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
INTERACTIVE = words("a button input select textarea details iframe")
PARSER_CLOSES = frozenset(("p", *HEADINGS))  # an hN start tag inside these ends them
LIST_OWNERS = ("menu", "menubar", "tablist", "listbox", "tree")
DIALOG_ROLES = ("dialog", "alertdialog")
OVERLAY_STYLE = (
    "position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;"
    "justify-content:center;z-index:1000"
)
DIALOG_STYLE = "background:#fff;padding:24px;border-radius:8px;max-width:440px;width:100%"
# What a converted <button> no longer does natively: submit its form, answer Enter and Space, and be
# the form's default button for Enter in a field. Listeners run last (document, bubbling), so a page
# handler that calls preventDefault() still cancels, as it would on a real button.
BEHAVIOUR_JS = """(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var form = event.target.closest && event.target.closest("[data-scramble-submit]");
    form = form && form.closest("form");
    if (form && !event.defaultPrevented) form.requestSubmit();
  });
  document.addEventListener("keydown", function (event) {
    var el = event.target, form = el.form, key = event.key;
    if (event.defaultPrevented || !el.matches) return;
    var submit = key === "Enter" && el.tagName === "INPUT" && form &&
      !form.querySelector('button:not([type]), [type="submit"], [type="image"]') &&
      form.querySelector("[data-scramble-submit]");
    var press = (key === "Enter" || key === " ") && el.matches('[role="button"]') &&
      !el.matches("button, input, summary");
    if (submit || press) { event.preventDefault(); (submit || el).click(); }
  });
})();"""


# 7. Sign-in as a page or as a modal dialog
def _is_dialog(tag: Tag) -> bool:
    return tag.name == "dialog" or role(tag) in DIALOG_ROLES


def sign_in_as_page_or_dialog(soup: BeautifulSoup, seed: int) -> None:
    """Show a sign-in as a page or as a modal dialog, the other way round, for half of the seeds.
    Decided by the seed alone, so one run shows every sign-in page the same way whatever its path."""
    if random.Random(f"{seed}:sign-in").random() < 0.5:
        return
    targets = {id(t): t for t in map(_sign_in_target, tags(soup, _is_password)) if t is not None}
    for target in targets.values():
        if _is_dialog(target):
            _as_page(target)
            continue
        box = soup.new_tag("div", attrs={"role": "dialog", "aria-modal": "true", "aria-label": "Log in"})
        box["style"] = DIALOG_STYLE
        target.wrap(box)
        box.wrap(soup.new_tag("div", attrs={"style": OVERLAY_STYLE}))


def _is_password(tag: Tag) -> bool:
    return tag.name == "input" and "password" in (attr(tag, "type").lower(), attr(tag, "name"))


def _sign_in_target(field: Tag) -> Tag | None:
    """The dialog around a password field, else what holds its form (the form itself at the top)."""
    dialog = field.find_parent(_is_dialog)
    if dialog is not None:
        return dialog
    form = field.find_parent("form")
    if form is None or form.parent is None:
        return None
    return form if form.parent.name in ("body", "html", "[document]") else form.parent


def _as_page(dialog: Tag) -> None:
    closed = dialog.name == "dialog" and "open" not in dialog.attrs
    for name in ("role", "aria-modal", "open"):
        dialog.attrs.pop(name, None)
    if dialog.name == "dialog":
        dialog.name = "div"
        if closed:
            dialog["hidden"] = ""  # a closed <dialog> is not shown: neither is its div


# 6. Lists, role=list, table rows
def _convertible_list(tag: Tag) -> bool:
    items = child_tags(tag)
    return (
        tag.name in ("ul", "ol")
        and "role" not in tag.attrs
        and getattr(tag.parent, "name", "p") != "p"
        and bool(items)
        and all(item.name == "li" and "role" not in item.attrs for item in items)
        and not any(isinstance(c, NavigableString) and not isinstance(c, Comment) and c.strip() for c in tag)
        and not within(tag, lambda p: role(p) in LIST_OWNERS)
    )


def relist(soup: BeautifulSoup, rng: random.Random) -> None:
    """Each plain list stays a list, becomes role=list divs, or becomes a one-column table."""
    lists = tags(soup, _convertible_list)
    forms = [rng.choice(("list", "aria", "table")) for _ in lists]
    if lists and set(forms) == {"list"}:
        forms[rng.randrange(len(lists))] = rng.choice(("aria", "table"))
    for tag, form in zip(lists, forms, strict=True):
        items = child_tags(tag)
        if form == "aria":
            tag.name, tag["role"] = "div", "list"
            for item in items:
                item.name, item["role"] = "div", "listitem"
        elif form == "table":
            tag.name = "table"
            body = soup.new_tag("tbody")
            for item in items:
                item.name = "td"
                item.wrap(soup.new_tag("tr"))
            body.extend(list(tag.contents))
            tag.append(body)


# 5. Heading levels
def reheading(soup: BeautifulSoup, rng: random.Random) -> None:
    """Every hN gets another level, or becomes a role=heading div; a role=heading div or span may
    become an hN (not inside a p or heading, which the browser's parser would close)."""
    for tag in tags(soup, lambda t: (t.name in HEADINGS and "role" not in t.attrs) or role(t) == "heading"):
        aria = attr(tag, "aria-level").strip()
        level = int(tag.name[1]) if tag.name in HEADINGS else int(aria) if aria.isdigit() else 2
        new = rng.choice([n for n in range(1, 7) if n != level])
        if tag.name in HEADINGS:
            if rng.random() < 0.4:
                tag.name, tag["role"], tag["aria-level"] = "div", "heading", str(new)
            else:
                tag.name = f"h{new}"
        elif tag.name in ("div", "span") and rng.random() < 0.5 and not within(tag, name_in(PARSER_CLOSES)):
            tag.name = f"h{new}"
            for name in ("role", "aria-level"):
                del tag[name]


# 4. <button> to role=button and back
def _submits(button: Tag) -> bool:
    kind = attr(button, "type").strip().lower()
    return kind == "submit" or (kind not in ("button", "reset") and button.find_parent("form") is not None)


def _to_div(button: Tag, labelled: set[str]) -> bool:
    """A button whose behaviour the injected script can stand in for in full."""
    attrs = button.attrs
    return (
        button.name == "button"
        and role(button) in ("", "button")
        and not any(name == "disabled" or name.startswith(("form", "popover", "command")) for name in attrs)
        and attr(button, "type").strip().lower() != "reset"
        and not (_submits(button) and "name" in attrs)  # its name=value would leave the form data
        and attr(button, "id") not in labelled
    )


def _to_button(tag: Tag) -> bool:
    """A role=button div or span that the parser would keep whole as a <button>."""
    return (
        tag.name in ("div", "span")
        and role(tag) == "button"
        and not within(tag, name_in({"a", "button"}))
        and not tag.find(lambda d: d.name in INTERACTIVE or "tabindex" in d.attrs or role(d) in NAME_ROLES)
    )


def rebutton(soup: BeautifulSoup, rng: random.Random) -> None:
    labelled = {attr(label, "for") for label in tags(soup, name_in({"label"}))} - {""}
    natives = tags(soup, lambda t: _to_div(t, labelled))
    for tag in some(rng, tags(soup, _to_button), 0.5):
        tag.name = "button"
        del tag["role"]
        if attr(tag, "tabindex").strip() == "0":
            del tag["tabindex"]
        tag["type"] = "button"
    for tag in some(rng, natives, 0.5):
        if _submits(tag):
            tag["data-scramble-submit"] = ""
        tag.attrs.pop("type", None)
        tag.name = "span" if within(tag, name_in({"p"})) else "div"
        tag["role"] = "button"
        tag.attrs.setdefault("tabindex", "0")
