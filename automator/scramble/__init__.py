"""Scramble a page's structure and keep its meaning: what the replay server's `--scramble SEED` serves.

The tool must recognise a screen by what it means to a person and to the accessibility tree (role,
accessible name, `data-e2e` hooks, `name=`, input `type`/`autocomplete`), never by layout, nesting,
element type, sibling order, class names or ids. A page passed through `scramble_html` keeps the
former and changes the latter, so a locator that leans on structure stops matching. Everything is a
pure function of its arguments: a failure under a seed replays exactly.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString, Script, Stylesheet

T = TypeVar("T")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ID_REFS = (
    "for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant",
    "aria-details", "aria-errormessage", "aria-flowto", "form", "list", "headers",
)  # fmt: skip
FRAGMENT_REFS = ("href", "xlink:href", "usemap")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NEVER_WRAP = _words(
    "html head body script style template noscript link meta title base li dt dd tr td th thead tbody tfoot"
    " caption col colgroup option optgroup legend summary figcaption source track param area"
)
# Their children's position is part of their meaning (or the parser moves a foreign child out).
NO_WRAP_PARENTS = _words(
    "html head ul ol dl menu table thead tbody tfoot tr colgroup select optgroup datalist picture audio"
    " video object map"
)
SKIP_INSIDE = _words("head svg math template noscript script style")
BLOCK = _words(
    "address article aside blockquote details dialog div dl fieldset figure footer form h1 h2 h3 h4 h5 h6"
    " header hgroup hr main nav ol p pre search section table ul"
)
# Inside these a wrapper must be a plain inline span: their accessible name is read from their content.
NAME_FROM_CONTENT = _words("a button label summary legend caption td th option p h1 h2 h3 h4 h5 h6")
NAME_ROLES = _words(
    "button link heading menuitem menuitemcheckbox menuitemradio tab option cell columnheader rowheader"
    " gridcell row checkbox radio switch treeitem tooltip"
)
INTERACTIVE = _words("a button input select textarea details iframe")
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


def scramble_html(html: str, seed: int, path: str) -> str:
    """`html` with new classes, ids, nesting, element types and order, and the same meaning.

    The order matters: the changes of element type come first, so that the wrappers after them
    respect the owned children they create (a role=list's items, a dialog's content), and renaming
    comes last, over every element there is by then."""
    soup = BeautifulSoup(html, "html.parser")
    rng = random.Random(f"{seed}:{path}")
    _sign_in_as_page_or_dialog(soup, seed)
    _relist(soup, rng)
    _reheading(soup, rng)
    _rebutton(soup, rng)
    _reorder_actions(soup, rng)
    _wrap(soup, rng)
    _rename(soup, seed)
    for style in _tags(soup, lambda t: t.name == "style"):
        style.string = Stylesheet(scramble_css(style.get_text(), seed))
    script = soup.new_tag("script")
    script.append(Script(BEHAVIOUR_JS))
    (soup.body or soup).append(script)
    return str(soup)


def _new_name(seed: int, kind: str, name: str) -> str:
    """A pure function of (seed, name): every page and the separately served stylesheet agree."""
    return kind[0] + hashlib.sha1(f"{seed}:{kind}:{name}".encode()).hexdigest()[:7]


def _tags(root: Tag, keep: Callable[[Tag], bool] = lambda t: True) -> list[Tag]:
    """The elements under `root` in document order, taken up front: callers change the tree."""
    return [t for t in root.descendants if isinstance(t, Tag) and keep(t)]


def _attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else "" if value is None else str(value)


def _role(tag: Tag) -> str:
    return _attr(tag, "role").strip().lower()


def _within(tag: Tag, test: Callable[[Tag], bool]) -> bool:
    return any(test(parent) for parent in tag.parents)


def _named(names: Collection[str]) -> Callable[[Tag], bool]:
    return lambda t: t.name in names


def _child_tags(tag: Tag) -> list[Tag]:
    return [c for c in tag.children if isinstance(c, Tag)]


def _some(rng: random.Random, items: Sequence[T], share: float) -> list[T]:
    """About `share` of `items`, never none of them: every seed shows every kind of change."""
    chosen = [item for item in items if rng.random() < share]
    return chosen or ([rng.choice(items)] if items else [])


# 7. Sign-in as a page or as a modal dialog
def _is_dialog(tag: Tag) -> bool:
    return tag.name == "dialog" or _role(tag) in DIALOG_ROLES


def _sign_in_as_page_or_dialog(soup: BeautifulSoup, seed: int) -> None:
    """Show a sign-in as a page or as a modal dialog, the other way round, for half of the seeds.
    Decided by the seed alone, so one run shows every sign-in page the same way whatever its path."""
    if random.Random(f"{seed}:sign-in").random() < 0.5:
        return
    targets = {id(t): t for t in map(_sign_in_target, _tags(soup, _is_password)) if t is not None}
    for target in targets.values():
        if _is_dialog(target):
            _as_page(target)
            continue
        box = soup.new_tag("div", attrs={"role": "dialog", "aria-modal": "true", "aria-label": "Log in"})
        box["style"] = DIALOG_STYLE
        target.wrap(box)
        box.wrap(soup.new_tag("div", attrs={"style": OVERLAY_STYLE}))


def _is_password(tag: Tag) -> bool:
    return tag.name == "input" and "password" in (_attr(tag, "type").lower(), _attr(tag, "name"))


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
    items = _child_tags(tag)
    return (
        tag.name in ("ul", "ol")
        and "role" not in tag.attrs
        and getattr(tag.parent, "name", "p") != "p"
        and bool(items)
        and all(item.name == "li" and "role" not in item.attrs for item in items)
        and not any(isinstance(c, NavigableString) and not isinstance(c, Comment) and c.strip() for c in tag)
        and not _within(tag, lambda p: _role(p) in LIST_OWNERS)
    )


def _relist(soup: BeautifulSoup, rng: random.Random) -> None:
    """Each plain list stays a list, becomes role=list divs, or becomes a one-column table."""
    lists = _tags(soup, _convertible_list)
    forms = [rng.choice(("list", "aria", "table")) for _ in lists]
    if lists and set(forms) == {"list"}:
        forms[rng.randrange(len(lists))] = rng.choice(("aria", "table"))
    for tag, form in zip(lists, forms, strict=True):
        items = _child_tags(tag)
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
def _reheading(soup: BeautifulSoup, rng: random.Random) -> None:
    """Every hN gets another level, or becomes a role=heading div; a role=heading div or span may
    become an hN (not inside a p or heading, which the browser's parser would close)."""
    for tag in _tags(soup, lambda t: (t.name in HEADINGS and "role" not in t.attrs) or _role(t) == "heading"):
        aria = _attr(tag, "aria-level").strip()
        level = int(tag.name[1]) if tag.name in HEADINGS else int(aria) if aria.isdigit() else 2
        new = rng.choice([n for n in range(1, 7) if n != level])
        if tag.name in HEADINGS:
            if rng.random() < 0.4:
                tag.name, tag["role"], tag["aria-level"] = "div", "heading", str(new)
            else:
                tag.name = f"h{new}"
        elif tag.name in ("div", "span") and rng.random() < 0.5 and not _within(tag, _named(PARSER_CLOSES)):
            tag.name = f"h{new}"
            for name in ("role", "aria-level"):
                del tag[name]


# 4. <button> to role=button and back
def _submits(button: Tag) -> bool:
    kind = _attr(button, "type").strip().lower()
    return kind == "submit" or (kind not in ("button", "reset") and button.find_parent("form") is not None)


def _to_div(button: Tag, labelled: set[str]) -> bool:
    """A button whose behaviour the injected script can stand in for in full."""
    attrs = button.attrs
    return (
        button.name == "button"
        and _role(button) in ("", "button")
        and not any(name == "disabled" or name.startswith(("form", "popover", "command")) for name in attrs)
        and _attr(button, "type").strip().lower() != "reset"
        and not (_submits(button) and "name" in attrs)  # its name=value would leave the form data
        and _attr(button, "id") not in labelled
    )


def _to_button(tag: Tag) -> bool:
    """A role=button div or span that the parser would keep whole as a <button>."""
    return (
        tag.name in ("div", "span")
        and _role(tag) == "button"
        and not _within(tag, _named({"a", "button"}))
        and not tag.find(lambda d: d.name in INTERACTIVE or "tabindex" in d.attrs or _role(d) in NAME_ROLES)
    )


def _rebutton(soup: BeautifulSoup, rng: random.Random) -> None:
    labelled = {_attr(label, "for") for label in _tags(soup, _named({"label"}))} - {""}
    natives = _tags(soup, lambda t: _to_div(t, labelled))
    for tag in _some(rng, _tags(soup, _to_button), 0.5):
        tag.name = "button"
        del tag["role"]
        if _attr(tag, "tabindex").strip() == "0":
            del tag["tabindex"]
        tag["type"] = "button"
    for tag in _some(rng, natives, 0.5):
        if _submits(tag):
            tag["data-scramble-submit"] = ""
        tag.attrs.pop("type", None)
        tag.name = "span" if _within(tag, _named({"p"})) else "div"
        tag["role"] = "button"
        tag.attrs.setdefault("tabindex", "0")


# 3. Order of sibling buttons and links
def _is_action(tag: Tag) -> bool:
    return _role(tag) in ("button", "link") if _role(tag) else tag.name in ("a", "button")


def _reorder_actions(soup: BeautifulSoup, rng: random.Random) -> None:
    """Reverse or shuffle every group of sibling buttons and links; text between them stays put."""
    for parent in _tags(soup, lambda t: t.name not in SKIP_INSIDE and not _within(t, _named(SKIP_INSIDE))):
        kids = _child_tags(parent)
        if len(kids) < 2 or not all(_is_action(kid) for kid in kids):
            continue
        order = kids[::-1] if rng.random() < 0.5 else rng.sample(kids, len(kids))
        if all(a is b for a, b in zip(order, kids, strict=True)):
            order = kids[::-1]
        queue = iter(order)
        contents = [next(queue) if isinstance(child, Tag) else child for child in parent.contents]
        parent.clear()
        parent.extend(contents)


# 2. Generic wrappers
def _wrappable(tag: Tag) -> bool:
    parent = tag.parent
    return (
        tag.name not in NEVER_WRAP
        and isinstance(parent, Tag)
        and parent.name not in NO_WRAP_PARENTS
        and "role" not in parent.attrs
        and not _within(tag, _named(SKIP_INSIDE))
    )


def _wrap(soup: BeautifulSoup, rng: random.Random) -> None:
    """Wrap about a third of the elements in 1-3 new divs or spans, some of them display:contents.

    Where an ancestor's accessible name (or a paragraph, which a div would close) is read from
    content, the wrapper is a plain span: a block or display:contents box there would add a space
    to the name."""
    named = {ref for t in _tags(soup) for ref in _attr(t, "aria-labelledby").split()}

    def name_source(parent: Tag) -> bool:
        return parent.name in NAME_FROM_CONTENT or _role(parent) in NAME_ROLES or _attr(parent, "id") in named

    for tag in _some(rng, _tags(soup, _wrappable), 0.3):
        inline = tag.name not in BLOCK or _within(tag, name_source)
        for _ in range(rng.randint(1, 3)):
            wrapper = soup.new_tag("span" if inline else "div")
            if not inline and rng.random() < 0.5:
                wrapper["style"] = "display:contents"
            tag.wrap(wrapper)
            tag = wrapper


# 1. Classes and ids
def _rename(soup: BeautifulSoup, seed: int) -> None:
    """New classes and ids everywhere but in scripts, with every same-page reference following."""
    tags = _tags(soup, lambda t: t.name != "script")
    ids = {_attr(t, "id") for t in tags} - {""}

    def ref(name: str) -> str:
        return _new_name(seed, "id", name) if name in ids else name

    for tag in tags:
        if "class" in tag.attrs:
            tag["class"] = " ".join(_new_name(seed, "class", name) for name in _attr(tag, "class").split())
        if "id" in tag.attrs:
            tag["id"] = _new_name(seed, "id", _attr(tag, "id"))
        for name in ID_REFS:
            if name in tag.attrs:
                tag[name] = " ".join(ref(value) for value in _attr(tag, name).split())
        for name in FRAGMENT_REFS:
            value = _attr(tag, name)
            if value.startswith("#") and value[1:] in ids:
                tag[name] = "#" + _new_name(seed, "id", value[1:])


# CSS. A piece runs to the next `{`, `;` or `}` outside comments, strings, escapes and url(): one
# that ends in `{` and is no at-rule is a list of selectors (also inside @media, or nested in a rule).
_COMMENT = r"/\*.*?(?:\*/|\Z)"
_STRING = r""""(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?"""
_PIECE = re.compile(
    rf"(?:{_COMMENT}|{_STRING}|\\.|url\((?:{_STRING}|[^)\"'])*\)?|[^{{}};])*[{{}};]?", re.S | re.I
)
_ESCAPE = r"\\(?:[0-9a-fA-F]{1,6}\s?|[^\n0-9a-fA-F])"
_IDENT = rf"(?:--|-?(?:[_a-zA-Z\u00a0-\U0010ffff]|{_ESCAPE}))(?:[-\w\u00a0-\U0010ffff]|{_ESCAPE})*"
_SELECTOR_TOKEN = re.compile(
    rf"""(?P<skip>{_COMMENT}|{_STRING}|\[(?:{_STRING}|[^\]"'])*\]?)  # comments, strings, [attr=...]
       |(?P<sigil>[.#])(?P<name>{_IDENT})""",
    re.S | re.X,
)


def scramble_css(css: str, seed: int) -> str:
    """`css` with `.class` and `#id` renamed as `scramble_html` renames them, in selectors only:
    declarations (`#fff`, `0.5em`, `url(a.png)`), at-rule preludes and keyframe steps stay as they are."""
    pieces = [match.group() for match in _PIECE.finditer(css)]
    return "".join(_css_selector(p, seed) if p.endswith("{") and not _is_at_rule(p) else p for p in pieces)


def _is_at_rule(piece: str) -> bool:
    return re.sub(_COMMENT, "", piece, flags=re.S).lstrip().startswith("@")


def _css_unescape(name: str) -> str:
    """`sm\\:flex` is the class `sm:flex`, `\\31 a` the class `1a`."""

    def one(match: re.Match[str]) -> str:
        if match.group(2) is not None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return re.sub(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", one, name, flags=re.S)


def _css_selector(selector: str, seed: int) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group("skip"):
            return match.group()
        kind = "class" if match.group("sigil") == "." else "id"
        return match.group("sigil") + _new_name(seed, kind, _css_unescape(match.group("name")))

    return _SELECTOR_TOKEN.sub(one, selector)
