"""The in-browser guard's judgement, as a table: which requests would change the account.

It holds back every request that would cancel, pause, take an offer or change the plan, even
one sent to a generic endpoint, and nothing else: survey answers, feedback, analytics and
GraphQL queries sent by POST go through. The end-to-end proof is in test_meaning.py (the
replay log); this is every rule, one row each.
"""

from __future__ import annotations

import json

import pytest

from automator.approval import account_change
from automator.sites.coursera import GUARD_RULES


def _gql(operation: str, query: str, **variables: object) -> str:
    return json.dumps({"operationName": operation, "query": query, "variables": variables})


CHANGES = [
    ("POST", "https://www.coursera.org/api/subscriptions/v1/cancel", '{"subscription": "x"}'),
    ("POST", "https://www.coursera.org/api/subscriptions/v1/pause", '{"months": 1}'),
    ("DELETE", "https://www.coursera.org/api/subscriptions.v1/123", None),
    ("PUT", "https://www.coursera.org/api/subscriptions.v1/123", '{"status": "CANCELLED"}'),
    ("PATCH", "https://www.coursera.org/api/memberships.v1/9", '{"state": "paused"}'),
    ("POST", "https://www.coursera.org/api/offers.v1/redeem", '{"offerId": "o1"}'),
    ("POST", "https://www.coursera.org/api/plans/switchToAnnual", "{}"),
    (
        "POST",
        "https://www.coursera.org/api/graphql",
        _gql(
            "CancelSubscription",
            "mutation CancelSubscription($id: ID!) { cancelSubscription(id: $id) { ok } }",
            id="x",
        ),
    ),
    (
        "POST",
        "https://www.coursera.org/api/graphql",
        _gql("", "mutation { claimRetentionOffer(id: 1) { ok } }"),
    ),
    (
        "POST",
        "https://www.coursera.org/api/graphql",
        _gql(
            "UpdateSubscription",
            "mutation UpdateSubscription($input: In!) { updateSubscription(input: $input) { ok } }",
            status="CANCELED",
        ),
    ),
    (
        "POST",
        "https://www.coursera.org/graphql-gateway?opname=PauseSubscription",
        _gql("PauseSubscription", "mutation PauseSubscription { pauseSubscription { ok } }"),
    ),
    ("POST", "https://www.coursera.org/api/billing", "action=cancel&subscription=x"),
]
BENIGN = [
    ("GET", "https://www.coursera.org/api/subscriptions/v1/cancel", None),  # a read, whatever it says
    ("POST", "https://www.coursera.org/api/subscriptions/cancellation-survey", '{"reason": "price"}'),
    ("POST", "https://www.coursera.org/api/cancellation-survey", "reason=private"),
    ("POST", "https://www.coursera.org/api/cancellationFeedback.v1", '{"text": "I want to cancel because"}'),
    ("POST", "https://www.coursera.org/api/cancellation-end-date", "end=period_end"),
    ("POST", "https://tags.coursera.org/track", '{"event": "cancel_click"}'),
    (
        "POST",
        "https://www.coursera.org/api/rest/v1/eventing/infobatch",
        '[{"key": "cancel_subscription_clicked"}]',
    ),
    ("POST", "https://o123.ingest.sentry.io/api/4/envelope/", '{}\n{"type":"event"}'),
    ("POST", "https://www.coursera.org/api/login/v3", '{"email": "a@b.c", "password": "pauseCancel1"}'),
    (
        "POST",
        "https://www.coursera.org/api/graphql",
        _gql("UserSubscriptions", "query UserSubscriptions { me { subscriptions { cancelledAt } } }"),
    ),
    (
        "POST",
        "https://www.coursera.org/api/graphql",
        json.dumps({"query": "{ me { subscriptions { canCancel } } }"}),
    ),
    (
        "POST",
        "https://www.coursera.org/api/graphql",
        _gql(
            "SubmitCancellationSurvey",
            "mutation SubmitCancellationSurvey($r: String) { submitCancellationSurvey(reason: $r) { ok } }",
            r="too expensive",
        ),
    ),
    (
        "POST",
        "https://www.coursera.org/api/graphql",
        _gql("MarkNotificationsRead", "mutation MarkNotificationsRead { markRead { ok } }"),
    ),
    ("POST", "https://www.coursera.org/api/adminUserPermissions.v1?q=my", "{}"),
]


@pytest.mark.parametrize(("method", "url", "body"), CHANGES)
def test_what_would_change_the_account_is_held_back(method: str, url: str, body: str | None) -> None:
    assert account_change(method, url, body, GUARD_RULES) is not None


@pytest.mark.parametrize(("method", "url", "body"), BENIGN)
def test_reads_and_benign_writes_go_through(method: str, url: str, body: str | None) -> None:
    assert account_change(method, url, body, GUARD_RULES) is None


def test_a_held_mutation_is_named_by_its_operation() -> None:
    body = _gql("CancelSubscription", "mutation CancelSubscription { cancelSubscription { ok } }")
    assert account_change("POST", "https://x/api/graphql", body, GUARD_RULES) == "mutation CancelSubscription"
