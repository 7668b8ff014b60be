"""Subscription rows and offers read from their text: the rules as tables."""

from __future__ import annotations

import pytest

from automator.sites.coursera.subscriptions import NotChosen, Row, choose, offer_kind, parse_row, way_out


@pytest.mark.parametrize(
    ("text", "cancellable", "expected"),
    [
        (
            "Coursera Plus Monthly Active Price $59.00 / month Next billing date December 14, 2026 "
            "Payment method Visa ending in 4242 Billed by Coursera Cancel Subscription",
            True,
            {
                "state": "active",
                "price": "$59.00 / month",
                "next_billing_date": "December 14, 2026",
                "channel": "coursera",
            },
        ),
        (
            "Coursera Plus Monthly Cancelled Price $59.00 / month Access until December 14, 2026 "
            "Billed by Coursera Your subscription has been cancelled.",
            False,
            {"state": "cancelled", "access_until": "December 14, 2026"},
        ),
        (
            "Coursera Plus Monthly Paused Price $59.00 / month Paused until January 14, 2027",
            False,
            {"state": "paused", "access_until": "January 14, 2027"},
        ),
        (
            "Coursera Plus Monthly Active Price $59.99 / month Billed by Apple (App Store) "
            "This subscription was purchased in the Coursera iOS app",
            False,
            {"channel": "apple", "provider": "Apple"},
        ),
        ("Plus Active Price $59.99 / month Billed by Google Play", False, {"channel": "google_play"}),
        (
            "Coursera for Business Active Provided by Acme Corporation Access Full access "
            "Your access is provided",
            False,
            {"channel": "organization", "provider": "Acme Corporation", "price": None},
        ),
        # A Cancel button means the website can cancel it, whatever a help text says.
        (
            "Plus Active $59.00 / month Subscribed in the iOS app? Apple manages those",
            True,
            {"channel": "coursera"},
        ),
    ],
)
def test_rows_are_read_from_their_text(text: str, cancellable: bool, expected: dict[str, object]) -> None:
    details = {"Provided by": "Acme Corporation", "Access": "Full access"} if "Acme" in text else {}
    row = parse_row("Plan", text, cancellable, details)
    for key, value in expected.items():
        assert getattr(row, key) == value, key


PLUS = Row("Coursera Plus Monthly", "active", "$59.00 / month", cancellable=True)
CERT = Row("Google Data Analytics Professional Certificate", "active", "$49.00 / month", cancellable=True)
GONE = Row("Coursera Plus Annual", "cancelled", access_until="May 1, 2027")


@pytest.mark.parametrize(
    ("rows", "wanted", "expected"),
    [
        ([PLUS], None, PLUS),
        ([PLUS, GONE], None, PLUS),  # the one still running
        ([GONE], None, GONE),  # only a cancelled one: reported as already cancelled
        ([], None, None),
        ([PLUS, CERT], "data analytics", CERT),
        ([PLUS, CERT], "COURSERA PLUS MONTHLY", PLUS),
        ([PLUS, GONE], "coursera plus annual", GONE),
    ],
)
def test_choosing_a_subscription(rows: list[Row], wanted: str | None, expected: Row | None) -> None:
    assert choose(rows, wanted) == expected


@pytest.mark.parametrize(
    ("wanted", "message"),
    [(None, "there are 2 subscriptions"), ("a", "matches more than one"), ("zzz", "matches none")],
)
def test_no_single_choice_lists_them(wanted: str | None, message: str) -> None:
    with pytest.raises(NotChosen) as info:
        choose([PLUS, CERT], wanted)
    assert message in str(info.value)
    assert "Coursera Plus Monthly, $59.00 / month" in str(info.value)
    assert "Google Data Analytics Professional Certificate, $49.00 / month" in str(info.value)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Before you go: pause your subscription instead?", "pause"),
        ("Wait! Get 50% off your next 3 months", "discount"),
        ("A special discount for you", "discount"),
        ("Switch to Coursera Plus Annual and save 43%", "switch_annual"),
        ("A gift before you go: 3 free months", None),
    ],
)
def test_offer_kinds(text: str, kind: str | None) -> None:
    assert offer_kind(text) == kind


def test_ways_out_name_the_exact_place() -> None:
    assert "Settings > [your name] > Subscriptions" in way_out(Row("P", "active", channel="apple"))
    assert "play.google.com/store/account/subscriptions" in way_out(Row("P", "active", channel="google_play"))
    org = way_out(Row("P", "active", channel="organization", provider="Acme"))
    assert "Acme" in org and "administrator" in org
