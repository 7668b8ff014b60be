"""The flow engine: recognise the screen, run its handler, record the step, repeat.

It knows no site's words. A site is a list of `Screen`s in priority order (the most
specific first); the engine stops on a terminal outcome, on the confirmation screen, or
on a page no screen recognises, which is drift. It never waits out a time budget to find
that out: a page that has settled (automator/activity.py) without showing a known screen,
or that settled without moving on after an action, stops the run at once.

The package's parts: screens.py (the types a site and the engine share), recognition.py
(which screen shows), probes.py (what the page shows, asked in its own script) and walk.py
(`Walk`, one walk through a site). Import them from here: `from automator.flow import Walk`.
"""

from __future__ import annotations

from automator.flow.probes import ACTIONABLE, FINGERPRINT
from automator.flow.recognition import UNKNOWN_DIALOG, match, open_dialogs, recognise, visible
from automator.flow.screens import (
    AtConfirmation,
    AtOffer,
    Done,
    LocatorFn,
    Next,
    Obstacles,
    Outcome,
    Screen,
    StepRecord,
    Where,
)
from automator.flow.walk import MAX_REPEATS, MAX_STEPS, SLICE_MS, Walk

__all__ = [
    "ACTIONABLE",
    "FINGERPRINT",
    "MAX_REPEATS",
    "MAX_STEPS",
    "SLICE_MS",
    "UNKNOWN_DIALOG",
    "AtConfirmation",
    "AtOffer",
    "Done",
    "LocatorFn",
    "Next",
    "Obstacles",
    "Outcome",
    "Screen",
    "StepRecord",
    "Walk",
    "Where",
    "match",
    "open_dialogs",
    "recognise",
    "visible",
]
