"""The project's own exceptions. The core raises them; only the CLI turns them into words and exit codes."""

from __future__ import annotations

from automator.status import Status


class AutomatorError(Exception):
    """Base class: a failure the tool expects and can explain without a traceback."""

    status: Status = Status.ERROR


class ConfigError(AutomatorError):
    """The run cannot start: bad settings, missing credentials, no browser. Exit code 2."""


class CredentialsMissing(ConfigError):
    """No credentials from any source, and a sign-in form to fill."""

    status = Status.NEEDS_HUMAN


class NeedsHuman(AutomatorError):
    """A step only the person can do (CAPTCHA, a sign-in through another service)."""

    status = Status.NEEDS_HUMAN


class SignInFailed(AutomatorError):
    """The site refused the credentials; its own message is kept."""

    status = Status.SIGN_IN_FAILED


class Drift(AutomatorError):
    """The page is not what the flow knows: stop, nothing more is clicked."""

    status = Status.UNRECOGNIZED_SCREEN

    def __init__(self, message: str, *, step: str | None = None) -> None:
        super().__init__(message)
        self.step = step


class UnknownLanguage(Drift):
    """The page is in a language the site has no word table for; `advice` says what to do."""

    def __init__(self, message: str, advice: str, *, step: str | None = None) -> None:
        super().__init__(message, step=step)
        self.advice = advice


class HeldBack(Drift):
    """The in-browser guard held back a request that would have changed the account before the
    person approved: the page tried something the flow did not ask for. Nothing was sent."""


class Unreachable(AutomatorError):
    """A page load never reached the site (its name does not resolve, nothing listens at its
    port, the browser refuses the port, …): there is no page of it to keep. The message says
    which, and what to do."""


class NotPressed(AutomatorError):
    """The approved click never reached the page (the control was disabled, covered or gone):
    nothing was sent. The message is whole."""


class RecordingError(AutomatorError):
    """A recording directory is malformed."""


class NotTaken(AutomatorError):
    """Yes, Cancel was pressed, and the site's own page still shows the subscription active.

    The message is whole: it says what happened and what to do."""
