"""automator/scramble.py: a scrambled page keeps its meaning (roles, accessible names, hooks,
behaviour) and changes its structure (classes, ids, nesting, element types, order).

The browser tests are the contract: what Playwright finds by role and name on a recorded page it
still finds, under every seed, after the page has been scrambled.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Page

from automator.scramble import scramble_css, scramble_html

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "coursera" / "pages"
STYLESHEET = PAGES.parent / "static" / "site.css"
PAGE_FILES = sorted(PAGES.glob("*.html"))
# Names read from content, with inline children: a wrapper of the wrong kind there changes the name.
NAMES_PAGE = """<!doctype html><html lang="en"><head><title>Names</title></head><body><main>
<h2>Plan <em>details</em></h2>
<p>Read <a href="/terms">the <strong>terms</strong>now</a> first.
<button type="button">Go<b>!</b></button></p>
<div role="tablist" aria-label="Tabs"><button role="tab" aria-selected="true">One<i>1</i></button>
<button role="tab">Two</button></div>
<form><label>Remember<em>me</em><input type="checkbox" name="remember"></label>
<label for="n">Full<b>name</b></label><input id="n" name="n"> <input name="other" aria-label="Other">
<button type="submit">Save<span>all</span></button></form>
<ul><li><a href="/a">A<span>1</span></a></li><li><a href="/b">B<code>2</code></a></li></ul>
<div role="menu" aria-label="M"><div role="menuitem">Open<kbd>O</kbd></div></div>
<div role="dialog" aria-label="Note"><span role="heading" aria-level="3">Small<em>print</em></span>
<div role="button" tabindex="0">Dismiss<b>x</b></div></div>
<section aria-labelledby="t"><div id="t">Sec<em>tion</em></div><a href="#t">Back<b>up</b></a></section>
</main></body></html>"""
CORPUS = {path.stem: path.read_text() for path in PAGE_FILES} | {"names-from-content": NAMES_PAGE}
SEEDS = range(1, 6)
ROLES = ("button", "link", "textbox", "radio", "checkbox", "dialog", "menuitem", "tab", "heading")
ID_REFS = (
    "for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant",
    "aria-details", "aria-errormessage", "aria-flowto", "form", "list", "headers",
)  # fmt: skip


def read(name: str) -> str:
    return (PAGES / name).read_text()


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def tags(html: str) -> list[Tag]:
    return list(parse(html).find_all(True))


def words(tag: Tag, name: str) -> list[str]:
    value = tag.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else str(value).split()


@functools.cache
def scrambled(name: str, seed: int) -> str:
    return scramble_html(CORPUS[name], seed, f"/{name}")


def scrambled_pages(seeds: range = SEEDS) -> Iterator[tuple[str, int, str, str]]:
    for name, html in CORPUS.items():
        for seed in seeds:
            yield name, seed, html, scrambled(name, seed)


def class_of(seed: int, name: str) -> str:
    """What scramble_html makes of a class, read off a one-element page."""
    found = parse(scramble_html(f'<p class="{name}">x</p>', seed, "/")).find("p")
    assert isinstance(found, Tag)
    return words(found, "class")[0]


def id_of(seed: int, name: str) -> str:
    found = parse(scramble_html(f'<p id="{name}">x</p>', seed, "/")).find("p")
    assert isinstance(found, Tag)
    return str(found["id"])


# ---------- Pure: determinism, names, hooks ----------


def test_the_same_seed_and_path_give_the_same_page_and_other_seeds_another() -> None:
    html = read("login.html")
    assert scramble_html(html, 7, "/login") == scramble_html(html, 7, "/login")
    outputs = {scramble_html(html, seed, "/login") for seed in range(1, 9)}
    assert len(outputs) == 8
    assert scramble_css(STYLESHEET.read_text(), 7) == scramble_css(STYLESHEET.read_text(), 7)
    assert scramble_css(".a{}", 1) != scramble_css(".a{}", 2)


def test_every_class_and_id_is_new_and_every_id_reference_resolves() -> None:
    for name, seed, before, after in scrambled_pages():
        old, new = tags(before), tags(after)
        old_classes = {c for t in old for c in words(t, "class")}
        new_classes = {c for t in new for c in words(t, "class")}
        old_ids = {str(t["id"]) for t in old if t.has_attr("id")}
        new_ids = [str(t["id"]) for t in new if t.has_attr("id")]
        assert not old_classes & new_classes, (name, seed)
        assert len(new_classes) == len(old_classes), (name, seed)
        assert not old_ids & set(new_ids), (name, seed)
        assert len(new_ids) == len(set(new_ids)) == len(old_ids), (name, seed)
        refs = [ref for t in new for attr in ID_REFS for ref in words(t, attr)]
        refs += [str(t["href"])[1:] for t in new if str(t.get("href", "")).startswith("#")]
        assert set(refs) <= set(new_ids), (name, seed, set(refs) - set(new_ids))


def hooks(html: str) -> dict[str, Counter[str]]:
    """Everything a locator may lean on, and the text a person reads, as multisets."""
    found: dict[str, Counter[str]] = {}
    for tag in tags(html):
        for attr in ("data-e2e", "name", "aria-label", "placeholder", "autocomplete", "value", "action"):
            if tag.has_attr(attr):
                found.setdefault(attr, Counter())[str(tag[attr])] += 1
        if tag.name == "input":
            found.setdefault("input type", Counter())[str(tag.get("type", "text"))] += 1
        if tag.has_attr("href") and not str(tag["href"]).startswith("#"):
            found.setdefault("href", Counter())[str(tag["href"])] += 1
    soup = parse(html)
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    found["text"] = Counter(s.strip() for s in soup.find_all(string=True) if s.strip())
    return found


def test_hooks_text_and_placeholders_are_unchanged() -> None:
    for name, seed, before, after in scrambled_pages():
        expected = hooks(before)
        if 'aria-label="Log in"' in after:  # the sign-in shown as a modal: its dialog's name is new
            expected.setdefault("aria-label", Counter())["Log in"] += 1
        assert hooks(after) == expected, (name, seed)
        assert after.count("{{") == before.count("{{"), (name, seed)


def test_scripts_are_untouched_and_one_small_script_is_added_at_the_end_of_body() -> None:
    for name, seed, before, after in scrambled_pages():
        old = [(s.get("src"), s.string) for s in parse(before).find_all("script")]
        new_soup = parse(after)
        new = [(s.get("src"), s.string) for s in new_soup.find_all("script")]
        assert new[:-1] == old, (name, seed)
        body = new_soup.body
        assert body is not None and body.find_all(True, recursive=False)[-1].name == "script"
        assert "requestSubmit" in str(new[-1][1]) and "setTimeout" not in str(new[-1][1])
    data = '<script id="state" class="s" type="application/json">{"a": "<b>"}</script>'
    found = parse(scramble_html(f"<body>{data}</body>", 1, "/")).find("script")
    assert isinstance(found, Tag)
    assert found.attrs == {"id": "state", "class": ["s"], "type": "application/json"}
    assert found.string == '{"a": "<b>"}'  # a page's script finds its data by the id it always had


def test_a_page_s_own_script_finds_its_elements_by_their_new_ids() -> None:
    """As a site's build renames ids in its markup and its scripts together: the variants'
    inline sign-in and challenge scripts (getElementById) keep working on a scrambled page."""
    page = (
        '<body><form id="login-form"><button>Go</button></form>'
        '<script>var f = document.getElementById("login-form");'
        ' var g = document.getElementById("gone");</script>'
        "</body>"
    )
    soup = parse(scramble_html(page, 3, "/login"))
    form, script = soup.find("form"), soup.find("script")
    assert isinstance(form, Tag) and isinstance(script, Tag)
    new_id = form.get("id")
    assert new_id and new_id != "login-form"
    assert f'document.getElementById("{new_id}")' in str(script.string)
    assert 'getElementById("gone")' in str(script.string)  # no such element: left as it was


# ---------- Pure: what changes, and what must not ----------


def bare_wrappers(soup: BeautifulSoup) -> int:
    return len([t for t in soup.find_all(["div", "span"]) if t.attrs in ({}, {"style": "display:contents"})])


def test_every_seed_wraps_reheads_converts_and_reorders() -> None:
    social = ["Continue with Google", "Continue with Facebook", "Continue with Apple"]
    social.append("Log in with your organization")
    for seed in SEEDS:
        login = parse(scramble_html(read("login.html"), seed, "/login"))
        assert bare_wrappers(login) > bare_wrappers(parse(read("login.html"))), seed
        assert any('style="display:contents"' in scrambled(name, seed) for name in CORPUS), seed
        assert not login.find("h1"), seed  # its one heading moved to another level or to a div
        # find_all(None, {...}): bs4's overloads type an attrs-only search only with the name given
        converted = login.find_all(None, {"role": "button"})
        assert converted and all(b.name == "div" and "type" not in b.attrs for b in converted), seed
        order = [str(s).strip() for s in login.find_all(string=re.compile("^(Continue|Log in with)"))]
        assert sorted(order) == sorted(social) and order != social, seed


def texts(html: str) -> list[str]:
    return [text.strip() for text in parse(html).find_all(string=True) if text.strip()][:-1]  # not the script


def test_two_sibling_buttons_always_swap_and_tabs_keep_their_order() -> None:
    tablist = '<div role="tablist"><button role="tab">C</button><a href="#" role="tab">D</a></div>'
    html = f'<div><button>A</button> <a href="/b">B</a></div>{tablist}'
    for seed in range(1, 21):
        assert texts(scramble_html(html, seed, "/")) == ["B", "A", "C", "D"], seed


def test_lists_become_aria_lists_or_tables_across_seeds() -> None:
    seen: Counter[str] = Counter()
    for seed in range(1, 11):
        soup = parse(scramble_html(read("subscriptions.html"), seed, "/"))
        seen["list"] += len(soup.find_all("ul", attrs={"role": False}))  # False: no role attribute
        seen["aria"] += len(soup.find_all(None, {"role": "list"}))
        seen["table"] += len(soup.find_all("table"))
        assert len(soup.find_all(None, {"role": "listitem"}) + soup.find_all(["li", "td"])) == 5 + 1 + 8, seed
        assert len(soup.find_all(None, {"role": "menuitem"})) == 7, seed  # the menu's list is left alone
    assert all(seen[kind] for kind in ("list", "aria", "table")), seen


def svg_shape(html: str) -> list[list[tuple[str, dict[str, Any]]]]:
    return [
        [(t.name, {k: v for k, v in t.attrs.items() if k != "class"}) for t in [svg, *svg.find_all(True)]]
        for svg in parse(html).find_all("svg")
    ]


def test_owned_children_stay_direct_children_and_no_block_lands_in_a_paragraph() -> None:
    for name, seed, before, after in scrambled_pages():
        soup = parse(after)
        for li in soup.find_all("li"):
            assert li.parent is not None and li.parent.name in ("ul", "ol"), (name, seed)
        for item in soup.find_all(None, {"role": re.compile("^(listitem|menuitem|tab)$")}):
            owner = item.parent
            assert owner is not None and owner.get("role") in ("list", "menu", "tablist"), (name, seed)
        for row in soup.find_all("tr"):
            assert row.parent is not None and row.parent.name in ("tbody", "thead", "tfoot"), (name, seed)
        for term in soup.find_all(["dt", "dd"]):
            group = term.parent
            assert group is not None and "dl" in (group.name, getattr(group.parent, "name", "")), (name, seed)
        for fieldset in soup.find_all("fieldset"):
            first = fieldset.find(True)
            assert first is not None and first.name == "legend", (name, seed)
        for p in soup.find_all("p"):
            assert not p.find(["div", "p", "table", "ul", "ol", re.compile("^h[1-6]$")]), (name, seed)
        assert svg_shape(after) == svg_shape(before), (name, seed)  # nothing is wrapped inside an svg


def first_seed(html: str, found: Callable[[BeautifulSoup], bool]) -> tuple[int, BeautifulSoup]:
    """The first seed whose scrambled `html` satisfies `found(soup)`."""
    for seed in range(1, 40):
        soup = parse(scramble_html(html, seed, "/t"))
        if found(soup):
            return seed, soup
    raise AssertionError("no seed made the change")


def test_role_buttons_become_buttons_and_role_headings_headings() -> None:
    html = (
        '<main><div role="button" tabindex="0" aria-pressed="false">Go</div>'
        '<div role="heading" aria-level="2">T</div></main>'
    )
    _, soup = first_seed(html, lambda s: s.find("button") is not None)
    button = soup.find("button")
    assert isinstance(button, Tag) and button.get("type") == "button" and button.get_text() == "Go"
    assert "role" not in button.attrs and "tabindex" not in button.attrs and button["aria-pressed"] == "false"
    _, soup = first_seed(html, lambda s: s.find(re.compile("^h[1-6]$")) is not None)
    heading = soup.find(re.compile("^h[1-6]$"))
    assert isinstance(heading, Tag) and heading.get_text() == "T" and "role" not in heading.attrs
    for seed in range(1, 21):  # an <hN> start tag would end the paragraph in a browser
        paragraph = parse(scramble_html('<p>A <span role="heading" aria-level="2">B</span></p>', seed, "/")).p
        assert paragraph is not None and paragraph.find(re.compile("^h[1-6]$")) is None, seed


def test_buttons_whose_behaviour_a_div_cannot_keep_stay_buttons() -> None:
    html = (
        '<form id="f"><input name="q"><button disabled>A</button><button type="reset">B</button>'
        '<button name="go" value="1">C</button><button formaction="/x">D</button></form>'
        '<button form="f">E</button><label for="l">L</label><button id="l">F</button>'
        '<div role="button"><a href="/">G</a></div><button type="button">H</button>'
    )
    for seed in range(1, 30):
        soup = parse(scramble_html(html, seed, "/"))
        assert [b.get_text() for b in soup.find_all("button") if b.get_text() != "H"] == list("ABCDEF")
        link = soup.find("a")
        assert isinstance(link, Tag) and link.find_parent(attrs={"role": "button"}) is not None  # G: a div


def test_lists_in_menus_and_paragraphs_stay_lists() -> None:
    html = '<div role="menu"><ul><li>a</li></ul></div><p><ul><li>b</li></ul></p><ul><li role="x">c</li></ul>'
    for seed in range(1, 20):
        assert len(parse(scramble_html(html, seed, "/")).find_all("ul")) == 3


def test_a_sign_in_inside_a_dialog_reads_as_a_page_for_some_seeds() -> None:
    html = (
        '<body><div role="dialog" aria-modal="true" aria-label="Sign in"><form>'
        '<input type="password" name="password"></form></div>'
        '<dialog><form><input name="password"></form></dialog></body>'
    )
    kept = demoted = 0
    for seed in range(1, 21):
        soup = parse(scramble_html(html, seed, "/"))
        dialogs = soup.find_all(None, {"role": "dialog"}) + soup.find_all("dialog")
        if dialogs:
            kept += 1
            assert len(dialogs) == 2
        else:
            demoted += 1
            assert not soup.find(None, {"aria-modal": True})
            field = soup.find("input", attrs={"type": False})  # no type attribute
            assert field is not None
            closed = field.find_parent(attrs={"hidden": True})
            assert closed is not None  # the closed <dialog> is a hidden div, still not shown
    assert kept and demoted


# ---------- CSS ----------


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (".a{color:#fff}", ".«a»{color:#fff}"),
        ("#a > .b:hover:not(.c), p.d::before { background: url(x.png) #0f0; margin: .5em 1.5em }",
         "#«a» > .«b»:hover:not(.«c»), p.«d»::before { background: url(x.png) #0f0; margin: .5em 1.5em }"),
        ("@media (max-width: 600px) { .a .b { padding: 0.5em } }",
         "@media (max-width: 600px) { .«a» .«b» { padding: 0.5em } }"),
        ("@keyframes spin { from { opacity: .5 } 50.5% { opacity: 1 } }",
         "@keyframes spin { from { opacity: .5 } 50.5% { opacity: 1 } }"),
        ("/* .a { } */ .b { } /* } .c */", "/* .a { } */ .«b» { } /* } .c */"),
        (".a { /* } .y { */ color: #fff }", ".«a» { /* } .y { */ color: #fff }"),
        ('a[href$=".pdf"], [data-e2e="x.y"] .z { content: "}.q{" }',
         'a[href$=".pdf"], [data-e2e="x.y"] .«z» { content: "}.q{" }'),
        ('@import url("a.css"); @font-face { src: url(f.woff2) format("woff2"); } .a{}',
         '@import url("a.css"); @font-face { src: url(f.woff2) format("woff2"); } .«a»{}'),
        (".p { color: red; & .q { color: #abc; } }", ".«p» { color: red; & .«q» { color: #abc; } }"),
        (r".sm\:flex { }", ".«sm:flex» { }"),
        ("@supports (display: grid) { @media print { #x { } } }",
         "@supports (display: grid) { @media print { #«x» { } } }"),
        ("@supports selector(.a:has(#b)) { .c { } }", "@supports selector(.a:has(#b)) { .«c» { } }"),
        (".a { background: url(data:image/svg+xml;utf8,<svg><style>.x{fill:red}</style></svg>) } .b { }",
         ".«a» { background: url(data:image/svg+xml;utf8,<svg><style>.x{fill:red}</style></svg>) } .«b» { }"),
    ],
)  # fmt: skip
def test_scramble_css_renames_selectors_only(css: str, expected: str) -> None:
    def fill(match: re.Match[str]) -> str:  # .«a» is the class a's new name, #«a» the id a's
        sigil, name = match.groups()
        return sigil + (class_of(3, name) if sigil == "." else id_of(3, name))

    assert scramble_css(css, 3) == re.sub("([.#])«([^»]+)»", fill, expected)


def test_inline_style_blocks_are_scrambled_as_the_stylesheet_is() -> None:
    css = ".a > #b { color: #fff }"
    html = f'<html><head><style>{css}</style></head><body><p class="a" id="b">x</p></body></html>'
    scrambled_html = scramble_html(html, 4, "/")
    style = parse(scrambled_html).find("style")
    assert isinstance(style, Tag) and style.string == scramble_css(css, 4)
    assert f"<style>{scramble_css(css, 4)}</style>" in scrambled_html  # `>` as it was, not `&gt;`


def test_the_stylesheet_matches_every_scrambled_page_and_keeps_its_declarations() -> None:
    css = STYLESHEET.read_text()
    tokens = set(re.findall(r"[.#][a-zA-Z][\w-]*", css))
    for name, seed, before, after in scrambled_pages():
        scrambled_css = scramble_css(css, seed)
        new_tokens = set(re.findall(r"[.#][a-zA-Z][\w-]*", scrambled_css))
        for tag_before, sigil in [(t, k) for t in tags(before) for k in ".#"]:
            for value in words(tag_before, "class" if sigil == "." else "id"):
                if sigil + value in tokens:  # styled by the sheet: its new name is in the new sheet
                    new = class_of(seed, value) if sigil == "." else id_of(seed, value)
                    assert sigil + new in new_tokens and new in after, (name, seed, value)
        assert re.findall(r"\{([^{}]*)\}", scrambled_css) == re.findall(r"\{([^{}]*)\}", css)


# ---------- In a browser ----------


def roles_and_names(page: Page) -> dict[str, Counter[str]]:
    """Every (role, accessible name) Playwright sees on the page, per role, as multisets."""
    found: dict[str, Counter[str]] = {role: Counter() for role in ROLES}

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, str):
            match = re.match(r'([a-z]+)(?: "((?:[^"\\]|\\.)*)")?', node)
            if match and match.group(1) in found:
                found[match.group(1)][json.loads(f'"{match.group(2) or ""}"')] += 1

    walk(yaml.safe_load(page.locator("body").aria_snapshot()))
    return found


@pytest.mark.parametrize("name", CORPUS)
def test_every_role_and_accessible_name_survives_every_seed(page: Page, name: str) -> None:
    html = re.sub(r"\shidden(?=[\s>])", "", CORPUS[name])  # shown, so the menu's items count too
    page.set_content(html)
    expected = roles_and_names(page)
    assert sum(len(names) for names in expected.values()) > 3
    for seed in SEEDS if name != "names-from-content" else range(1, 21):
        page.set_content(scramble_html(html, seed, f"/{name}"))
        found = roles_and_names(page)
        if found["dialog"]["Log in"] > expected["dialog"]["Log in"]:
            found["dialog"]["Log in"] -= 1  # the sign-in shown as a modal: the one dialog added
        assert found == expected, seed


FORM = """<!doctype html><html><body><form>
<label for="q">Query</label><input id="q" name="q" required><input name="page" aria-label="Page">
<button type="submit" class="go">Send</button></form>
<script>document.querySelector("form").addEventListener("submit", function (e) {
  e.preventDefault(); document.title = "sent " + new FormData(e.target).get("q"); });</script>
</body></html>"""


def test_a_converted_submit_button_still_submits_by_click_and_by_keyboard(page: Page) -> None:
    seed = next(s for s in range(1, 40) if "data-scramble-submit" in scramble_html(FORM, s, "/f"))
    page.set_content(scramble_html(FORM, seed, "/f"))
    send, query = page.get_by_role("button", name="Send"), page.get_by_role("textbox", name="Query")
    assert send.evaluate("el => el.tagName") in ("DIV", "SPAN")
    send.click()
    assert page.title() == ""  # `required` still holds: requestSubmit validates as the button did
    ways: dict[str, Callable[[], None]] = {
        "click": send.click,
        "Enter": lambda: send.press("Enter"),
        "Space": lambda: send.press("Space"),
    }
    ways["Enter in the field"] = lambda: query.press("Enter")  # implicit submission: no <button> is left
    for way, act in ways.items():
        query.fill(way)
        act()
        assert page.title() == f"sent {way}"


def test_the_sign_in_is_a_modal_for_some_seeds_and_a_page_for_others(page: Page) -> None:
    kinds: set[bool] = set()
    for seed in range(1, 11):
        page.set_content(scramble_html(read("login.html"), seed, "/login"))
        modal = page.get_by_role("dialog", name="Log in")
        kinds.add(modal.count() == 1)
        assert page.get_by_role("textbox", name="Email").count() == 1, seed
        scope = modal if modal.count() else page
        assert scope.get_by_role("textbox", name="Email").is_visible(), seed
        submit = scope.locator('[data-e2e="login-form-submit-button"]')
        assert submit.count() == 1 and submit.is_visible(), seed
        assert page.get_by_role("button", name="Login", exact=True).count() == 1, seed
    assert kinds == {True, False}
