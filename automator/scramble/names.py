"""New class names and ids, a pure function of (seed, name): `rename` gives them to a page's elements
with every same-page reference (`for`, `aria-*`, `#fragment` links) following, and `scramble_css`
gives the same ones to a stylesheet's selectors, so that a separately served stylesheet still matches
the page it styles.
"""

from __future__ import annotations

import hashlib
import re

from bs4 import BeautifulSoup

from automator.scramble.tree import attr, tags

ID_REFS = (
    "for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant",
    "aria-details", "aria-errormessage", "aria-flowto", "form", "list", "headers",
)  # fmt: skip
FRAGMENT_REFS = ("href", "xlink:href", "usemap")


def _new_name(seed: int, kind: str, name: str) -> str:
    """A pure function of (seed, name): every page and the separately served stylesheet agree."""
    return kind[0] + hashlib.sha1(f"{seed}:{kind}:{name}".encode()).hexdigest()[:7]


# 1. Classes and ids
def rename(soup: BeautifulSoup, seed: int) -> None:
    """New classes and ids everywhere but in scripts, with every same-page reference following
    (and an inline script's `getElementById("id")` of a renamed element)."""
    elements = tags(soup, lambda t: t.name != "script")
    ids = {attr(t, "id") for t in elements} - {""}

    def ref(name: str) -> str:
        return _new_name(seed, "id", name) if name in ids else name

    _follow_in_scripts(soup, ids, seed)
    for tag in elements:
        if "class" in tag.attrs:
            tag["class"] = " ".join(_new_name(seed, "class", name) for name in attr(tag, "class").split())
        if "id" in tag.attrs:
            tag["id"] = _new_name(seed, "id", attr(tag, "id"))
        for name in ID_REFS:
            if name in tag.attrs:
                tag[name] = " ".join(ref(value) for value in attr(tag, name).split())
        for name in FRAGMENT_REFS:
            value = attr(tag, name)
            if value.startswith("#") and value[1:] in ids:
                tag[name] = "#" + _new_name(seed, "id", value[1:])


_BY_ID = re.compile(r"""getElementById\((["'])([^"'\\]+)\1\)""")


def _follow_in_scripts(soup: BeautifulSoup, ids: set[str], seed: int) -> None:
    """A page's own inline scripts find their elements by the new ids (`getElementById("x")`), as
    a site's build renames both: else its sign-in or challenge script breaks, not the flow."""
    for script in soup.find_all("script"):
        if script.get("src") or not script.string:
            continue
        text = str(script.string)
        new = _BY_ID.sub(
            lambda m: f"getElementById({m.group(1)}{_new_name(seed, 'id', m.group(2))}{m.group(1)})"
            if m.group(2) in ids
            else m.group(0),
            text,
        )
        if new != text:
            script.string = new


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
