"""What a caller sees of a run's walk (`automator check` and `record` watch it): each screen met,
before it is acted on, and each control just before it is pressed. A watcher reads the page;
it never acts on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from automator.flow import Screen
from automator.sites.base import FlowContext, Site

# Told of every screen the walk recognised, with the site (in the language it met) it read it by.
Observer = Callable[[Page, Screen, FlowContext, Site], None]
Acting = Callable[[Locator], None]  # sees each control the walk is about to press


@dataclass(frozen=True)
class Watch:
    """What a caller sees of the walk (check, record): each screen met before it is acted on,
    and each control just before it is pressed. Neither can act on the page."""

    screens: Observer | None = None
    acting: Acting | None = None
