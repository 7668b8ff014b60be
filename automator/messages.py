"""What a run tells the person when it ends other than as planned: in words, and always what
became of the account. `{site}` and `{home}` are the site's name and where to look on it."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError

from automator.errors import (
    AutomatorError,
    Drift,
    HeldBack,
    NotPressed,
    NotTaken,
    SignInFailed,
    UnknownLanguage,
)
from automator.sites.base import Site
from automator.status import Status
from automator.traffic import Traffic

NOT_CANCELLED = "Nothing was cancelled."
MAYBE_CANCELLED = (
    "You approved and {button} was pressed, but the cancellation could not be confirmed on "
    "the page: the subscription may still be active. Check Settings → Subscriptions on "
    "{home} (and your email for {site}'s confirmation). The tool does not press "
    "{button} again by itself."
)
MAYBE_OFFER_TAKEN = (
    "You approved and the offer's button was pressed, but the change could not be confirmed on "
    "the page: the offer may or may not have been applied, and the subscription was not "
    "cancelled. Check Settings → Subscriptions on {home}. The tool does not press it again."
)


def unsure(pressed: list[str], site: Site) -> str:
    """What to tell the person once something that changes the account may have happened.

    `pressed` holds "offer", or the confirming button's text, once such a click was sent."""
    if not pressed:
        return NOT_CANCELLED
    words = MAYBE_OFFER_TAKEN if pressed[-1] == "offer" else MAYBE_CANCELLED
    return words.format(button=pressed[-1], site=site.title, home=site.home)


def failure(exc: BaseException, tail: str, traffic: Traffic, timeout_s: float) -> tuple[Status, str]:
    """The status and message for a run that stopped on `exc`; `tail` says what became of the account."""
    if isinstance(exc, KeyboardInterrupt):
        return Status.INTERRUPTED, f"Interrupted. {tail}"
    if isinstance(exc, NotTaken):
        return Status.ERROR, str(exc)
    if isinstance(exc, NotPressed):
        return Status.ERROR, f"You approved, but {exc}, so nothing was sent. {NOT_CANCELLED}"
    # Drift, a refused sign-in or a timeout can all be the site failing to answer: that is
    # worth a retry later, not a bug report about a changed site, nor a wrong password.
    explains = isinstance(exc, (Drift, SignInFailed, PlaywrightError)) and not isinstance(exc, HeldBack)
    trouble = traffic.trouble(timeout_s) if explains else None
    if trouble:
        return Status.ERROR, f"{trouble}. {tail}"
    if tail is not NOT_CANCELLED:
        return Status.ERROR, f"{first_line(exc)}. {tail}"
    if isinstance(exc, AutomatorError):
        where = f" (step: {exc.step})" if isinstance(exc, Drift) and exc.step else ""
        advice = f" {exc.advice}" if isinstance(exc, UnknownLanguage) else ""
        return exc.status, f"{str(exc).rstrip('.')}{where}. {tail}{advice}"
    return Status.ERROR, f"The page did not respond as expected: {first_line(exc)}. {tail}"


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip(".") if text else type(exc).__name__
