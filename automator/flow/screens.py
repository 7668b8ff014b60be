"""What a site gives the flow engine, and what the engine gives back: the `Screen`s of a site
(how to recognise each, what to do there, where it can show), the `Outcome` a screen's handler
returns (`Next`, `Done`, `AtConfirmation`, `AtOffer`), the `Obstacles` a site clears out of the
way, and the `StepRecord` the engine keeps of each screen met. Types only: recognising a screen
is in recognition.py, walking through them in walk.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from playwright.sync_api import Locator, Page

from automator.status import Status

LocatorFn = Callable[[Page], Locator]
# Where a screen can show: only on the page (no modal dialog open), only as a modal dialog,
# either (the sign-in: a page at /login, a dialog at ?authMode=login), or anywhere whatever is
# open (a CAPTCHA challenge's frame floats over both).
Where = Literal["page", "dialog", "either", "anywhere"]


@dataclass(frozen=True)
class Next:
    """The handler acted; the engine waits for the page to move on (a new URL, another dialog,
    other headings), unless the handler already waited itself (`waited`)."""

    waited: bool = False


@dataclass(frozen=True)
class Done:
    """The run ends here with this status (nothing more to click)."""

    status: Status
    message: str


@dataclass(frozen=True)
class AtConfirmation:
    """The destructive screen: only the approval gate may act on it."""


@dataclass(frozen=True)
class AtOffer:
    """A retention offer: the runner decides (decline, or accept with the person's approval)."""

    offer: Any


Outcome = Next | Done | AtConfirmation | AtOffer


@dataclass(frozen=True)
class Screen:
    """One screen of a site: how to recognise it, and what to do there."""

    name: str
    title: str
    marker: LocatorFn
    act: Callable[[Page, Any], Outcome]
    destructive: bool = False
    where: Where = "page"


@dataclass
class StepRecord:
    name: str
    title: str
    url: str
    screenshot: str | None
    seconds: float
    note: str = ""
    stopped: bool = False  # the step where the run stopped, not a screen got through

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "url": self.url,
            "screenshot": self.screenshot,
            "seconds": round(self.seconds, 3),
            **({"note": self.note} if self.note else {}),
            **({"stopped": True} if self.stopped else {}),
        }


class Obstacles:
    """What may stand in front of the flow (a cookie banner, a sign-in pop-up): a site clears
    them. The default clears nothing."""

    def clear(self, page: Page) -> str | None:
        """Dismiss what stands in the way; say what was done, or None when nothing was there."""
        return None

    def describe(self, page: Page, cover: str) -> str:
        """Name what covers a control, from the text of what lies on top of it."""
        return f"something else on the page ({cover[:80]!r})" if cover else "something else on the page"
