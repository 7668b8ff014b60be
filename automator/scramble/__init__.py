"""Scramble a page's structure and keep its meaning: what the replay server's `--scramble SEED` serves.

The tool must recognise a screen by what it means to a person and to the accessibility tree (role,
accessible name, `data-e2e` hooks, `name=`, input `type`/`autocomplete`), never by layout, nesting,
element type, sibling order, class names or ids. A page passed through `scramble_html` keeps the
former and changes the latter, so a locator that leans on structure stops matching. Everything is a
pure function of its arguments: a failure under a seed replays exactly.

- `elements`: the changes of element type (sign-in, lists, headings, buttons);
- `arrangement`: sibling order and wrappers; `names`: classes and ids, and `scramble_css`;
- `tree`: reading the tree (elements in order, attributes, roles) and the seeded choices.
"""

from __future__ import annotations

import random

from bs4 import BeautifulSoup
from bs4.element import Script, Stylesheet

from automator.scramble.arrangement import add_wrappers, reorder_actions
from automator.scramble.elements import BEHAVIOUR_JS, rebutton, reheading, relist, sign_in_as_page_or_dialog
from automator.scramble.names import rename, scramble_css
from automator.scramble.tree import tags

__all__ = ["scramble_css", "scramble_html"]


def scramble_html(html: str, seed: int, path: str) -> str:
    """`html` with new classes, ids, nesting, element types and order, and the same meaning.

    The order matters: the changes of element type come first, so that the wrappers after them
    respect the owned children they create (a role=list's items, a dialog's content), and renaming
    comes last, over every element there is by then."""
    soup = BeautifulSoup(html, "html.parser")
    rng = random.Random(f"{seed}:{path}")
    sign_in_as_page_or_dialog(soup, seed)
    relist(soup, rng)
    reheading(soup, rng)
    rebutton(soup, rng)
    reorder_actions(soup, rng)
    add_wrappers(soup, rng)
    rename(soup, seed)
    for style in tags(soup, lambda t: t.name == "style"):
        style.string = Stylesheet(scramble_css(style.get_text(), seed))
    script = soup.new_tag("script")
    script.append(Script(BEHAVIOUR_JS))
    (soup.body or soup).append(script)
    return str(soup)
