"""Final statuses of a run and their exit codes: one table, read by the CLI, the report and the README."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """How a run ended. The value is what run.json records."""

    CANCELLED = "cancelled"
    DRY_RUN_COMPLETE = "dry_run_complete"
    DECLINED = "declined"
    ALREADY_CANCELLED = "already_cancelled"
    SIGN_IN_FAILED = "sign_in_failed"
    UNRECOGNIZED_SCREEN = "unrecognized_screen"
    NEEDS_HUMAN = "needs_human"
    BILLED_ELSEWHERE = "billed_elsewhere"
    NO_SUBSCRIPTION = "no_subscription"
    OFFER_ACCEPTED = "offer_accepted"
    SUBSCRIPTION_NOT_CHOSEN = "subscription_not_chosen"
    ERROR = "error"
    INTERRUPTED = "interrupted"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self]

    @property
    def words(self) -> str:
        """How the run ended, as a person says it (the report's heading)."""
        return WORDS[self]

    @property
    def tone(self) -> str:
        """"good" (done as asked), "neutral" (nothing wrong, nothing to cancel), "attention"
        (the person has a step to take) or "bad" (stopped on a failure): the report's colour."""
        return TONES.get(self, "bad")


EXIT_CODES: dict[Status, int] = {
    Status.CANCELLED: 0,
    Status.DRY_RUN_COMPLETE: 0,
    Status.ERROR: 1,
    # 2 is the usage error of the command line (bad options, missing credentials).
    Status.DECLINED: 3,
    Status.ALREADY_CANCELLED: 4,
    Status.SIGN_IN_FAILED: 5,
    Status.UNRECOGNIZED_SCREEN: 6,
    Status.NEEDS_HUMAN: 7,
    Status.BILLED_ELSEWHERE: 8,
    Status.NO_SUBSCRIPTION: 9,
    Status.OFFER_ACCEPTED: 10,
    Status.SUBSCRIPTION_NOT_CHOSEN: 11,
    Status.INTERRUPTED: 130,  # Ctrl-C, as shells report it
}

USAGE_EXIT_CODE = 2

# The README's table of statuses, in a few words each.
WORDS: dict[Status, str] = {
    Status.CANCELLED: "Cancelled",
    Status.DRY_RUN_COMPLETE: "Dry run complete: nothing was changed",
    Status.DECLINED: "Not approved: nothing was cancelled",
    Status.ALREADY_CANCELLED: "Already cancelled",
    Status.SIGN_IN_FAILED: "The sign-in was refused",
    Status.UNRECOGNIZED_SCREEN: "Stopped at a screen the tool does not know",
    Status.NEEDS_HUMAN: "A step only you can do",
    Status.BILLED_ELSEWHERE: "Billed elsewhere: the website cannot cancel it",
    Status.NO_SUBSCRIPTION: "No subscription to cancel",
    Status.OFFER_ACCEPTED: "Offer taken instead of cancelling",
    Status.SUBSCRIPTION_NOT_CHOSEN: "Several subscriptions and none chosen",
    Status.ERROR: "Stopped by an error",
    Status.INTERRUPTED: "Interrupted",
}
TONES: dict[Status, str] = {
    Status.CANCELLED: "good",
    Status.DRY_RUN_COMPLETE: "good",
    Status.DECLINED: "neutral",
    Status.ALREADY_CANCELLED: "neutral",
    Status.NO_SUBSCRIPTION: "neutral",
    Status.OFFER_ACCEPTED: "neutral",
    Status.BILLED_ELSEWHERE: "attention",
    Status.NEEDS_HUMAN: "attention",
    Status.SUBSCRIPTION_NOT_CHOSEN: "attention",
    Status.INTERRUPTED: "attention",
}
