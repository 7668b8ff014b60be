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
