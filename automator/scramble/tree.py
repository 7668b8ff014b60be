"""The page as a tree, read the same way by every change of the scramble: the elements under a node in
document order (taken up front, since the changes edit the tree), an attribute or a role as text,
whether some ancestor passes a test, and the seeded choice of "some of these" that every change makes.
Nothing here changes a page.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

from bs4 import Tag

T = TypeVar("T")


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NAME_ROLES = words(
    "button link heading menuitem menuitemcheckbox menuitemradio tab option cell columnheader rowheader"
    " gridcell row checkbox radio switch treeitem tooltip"
)


def tags(root: Tag, keep: Callable[[Tag], bool] = lambda t: True) -> list[Tag]:
    """The elements under `root` in document order, taken up front: callers change the tree."""
    return [t for t in root.descendants if isinstance(t, Tag) and keep(t)]


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else "" if value is None else str(value)


def role(tag: Tag) -> str:
    return attr(tag, "role").strip().lower()


def within(tag: Tag, test: Callable[[Tag], bool]) -> bool:
    return any(test(parent) for parent in tag.parents)


def name_in(names: Collection[str]) -> Callable[[Tag], bool]:
    return lambda t: t.name in names


def child_tags(tag: Tag) -> list[Tag]:
    return [c for c in tag.children if isinstance(c, Tag)]


def some(rng: random.Random, items: Sequence[T], share: float) -> list[T]:
    """About `share` of `items`, never none of them: every seed shows every kind of change."""
    chosen = [item for item in items if rng.random() < share]
    return chosen or ([rng.choice(items)] if items else [])
