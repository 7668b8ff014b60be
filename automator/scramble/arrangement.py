"""Where elements sit, with their roles and names untouched: groups of sibling buttons and links
reversed or shuffled, and elements wrapped in new divs or spans (inline where a wrapper of another
kind would change an accessible name read from content).
"""

from __future__ import annotations

import random

from bs4 import BeautifulSoup, Tag

from automator.scramble.tree import NAME_ROLES, attr, child_tags, name_in, role, some, tags, within, words

NEVER_WRAP = words(
    "html head body script style template noscript link meta title base li dt dd tr td th thead tbody tfoot"
    " caption col colgroup option optgroup legend summary figcaption source track param area"
)
# Their children's position is part of their meaning (or the parser moves a foreign child out).
NO_WRAP_PARENTS = words(
    "html head ul ol dl menu table thead tbody tfoot tr colgroup select optgroup datalist picture audio"
    " video object map"
)
SKIP_INSIDE = words("head svg math template noscript script style")
BLOCK = words(
    "address article aside blockquote details dialog div dl fieldset figure footer form h1 h2 h3 h4 h5 h6"
    " header hgroup hr main nav ol p pre search section table ul"
)
# Inside these a wrapper must be a plain inline span: their accessible name is read from their content.
NAME_FROM_CONTENT = words("a button label summary legend caption td th option p h1 h2 h3 h4 h5 h6")


# 3. Order of sibling buttons and links
def _is_action(tag: Tag) -> bool:
    return role(tag) in ("button", "link") if role(tag) else tag.name in ("a", "button")


def reorder_actions(soup: BeautifulSoup, rng: random.Random) -> None:
    """Reverse or shuffle every group of sibling buttons and links; text between them stays put."""
    for parent in tags(soup, lambda t: t.name not in SKIP_INSIDE and not within(t, name_in(SKIP_INSIDE))):
        kids = child_tags(parent)
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
        and not within(tag, name_in(SKIP_INSIDE))
    )


def add_wrappers(soup: BeautifulSoup, rng: random.Random) -> None:
    """Wrap about a third of the elements in 1-3 new divs or spans, some of them display:contents.

    Where an ancestor's accessible name (or a paragraph, which a div would close) is read from
    content, the wrapper is a plain span: a block or display:contents box there would add a space
    to the name."""
    named = {ref for t in tags(soup) for ref in attr(t, "aria-labelledby").split()}

    def name_source(parent: Tag) -> bool:
        return parent.name in NAME_FROM_CONTENT or role(parent) in NAME_ROLES or attr(parent, "id") in named

    for tag in some(rng, tags(soup, _wrappable), 0.3):
        inline = tag.name not in BLOCK or within(tag, name_source)
        for _ in range(rng.randint(1, 3)):
            wrapper = soup.new_tag("span" if inline else "div")
            if not inline and rng.random() < 0.5:
                wrapper["style"] = "display:contents"
            tag.wrap(wrapper)
            tag = wrapper
