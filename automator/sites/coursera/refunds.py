"""Coursera's refund rules, as one table: each rule with its source and that source's date.

From ../shared/coursera-site.md ("Refunds and deadlines"):
- Coursera Plus: a full refund only if requested through the Learner Help Center within 14 days
  of the payment, never from My Purchases [official] Terms effective 2024-01-01, help article
  209819043.
- Some Coursera Plus subscriptions have a free trial instead of a refund period: no refund after
  a trial that was not cancelled in time [official] Terms (restated by the 2026 changes).
- Monthly Specialization subscriptions: no refunds [official] Terms.
- EU residents: a 14-day right of withdrawal, with a model form addressed to Coursera Europe
  B.V. [official] Terms. The tool cannot know where the person lives: the rule is a condition.
- The 2026 changes: cancelling no longer triggers a refund (it must be asked for separately:
  the engine says so under every note), and annual renewal charges are not refundable [guide]
  change record of the Terms, 2026-06-30. The annual rule holds from that record's date: that
  it held earlier in 2026 is not known.
- Payments made through the mobile app are Apple's or Google's: Coursera cannot refund them
  [official] help article 209819043 (a public copy; undated).

Plan names are matched in the four languages of strings/ (brand names are kept as they are);
a plan no rule names (a Professional Certificate, Coursera Lite) is "not known": the tool
says so rather than guess.
"""

from __future__ import annotations

from datetime import date

from automator.refund import RefundRule, RefundRules

TERMS = "Coursera Terms of Use"  # effective 2024-01-01
TERMS_DATE = date(2024, 1, 1)
CHANGES_2026 = "the 2026 changes to Coursera's Terms of Use (change record)"
CHANGES_2026_DATE = date(2026, 6, 30)
HELP_ARTICLE = "Coursera help article 209819043"

# [official] the article's number is in coursera-site.md; its address is the Learner Help
# Center's as a public copy of the article shows it
# (learner.coursera.help/hc/en-us/articles/209819043-Request-a-refund-for-a-course-payment,
# which says to ask for a Coursera Plus refund through the Learner Help Center within fourteen
# days). [guess] that the address still leads there if the help centre has moved.
REFUND_PAGE = "https://learner.coursera.help/hc/en-us/articles/209819043"
APPLE_REFUNDS = "https://reportaproblem.apple.com"  # Apple's own page for refund requests

WEB = ("", "coursera")  # billed by coursera.org itself (run.json has no `billing` then)
PLUS = r"\bcoursera plus\b"
ANNUAL = r"\b(?:annual|yearly|anual|annuel)\b"
SPECIALIZATION = r"speciali[sz]ation|especializaci[oó]n|sp[ée]cialisation|especializa[cç][aã]o"
MONTHLY = r"month|/\s*mo\b|\bmes\b|\bmois\b|\bm[eê]s\b"  # the price's period

RULES = (
    RefundRule(
        "apple",
        "Apple billed this subscription (it was bought in the Coursera iOS app), so Apple's refund "
        "rules apply, not Coursera's: Coursera cannot refund a payment made through the app.",
        HELP_ARTICLE,
        None,
        outlook="elsewhere",
        short="Apple's to decide",
        channels=("apple",),
        trial=None,
        ask=f"To ask, use Apple's own refund request: {APPLE_REFUNDS}",
    ),
    RefundRule(
        "google_play",
        "Google Play billed this subscription (it was bought in the Coursera Android app), so Google "
        "Play's refund rules apply, not Coursera's: Coursera cannot refund a payment made through "
        "the app.",
        HELP_ARTICLE,
        None,
        outlook="elsewhere",
        short="Google Play's to decide",
        channels=("google_play",),
        trial=None,
        ask="To ask, request a refund from Google Play (its help explains how).",
    ),
    RefundRule(
        "organization",
        "An organisation provides this subscription and pays for it: there is no payment of yours "
        "for Coursera to refund.",
        "coursera-site.md, the user's guide: an organisation's subscription ends only through it",
        None,
        outlook="elsewhere",
        short="your organisation's",
        channels=("organization",),
        trial=None,
        ask="Ask your organisation's Coursera administrator about its charges.",
    ),
    RefundRule(
        "trial",
        "You cancelled during the free trial, before its first charge, so there should be no "
        "payment to refund (your card statement shows whether one was made). A trial that is not "
        "cancelled in time gets no refund.",
        TERMS,
        TERMS_DATE,
        outlook="none",
        short="none needed (the free trial had no charge)",
        channels=WEB,
        trial=True,
    ),
    RefundRule(
        "specialization_monthly",
        "Monthly Specialization subscriptions are not refundable: cancelling stops the next "
        "payments, not the ones made.",
        TERMS,
        TERMS_DATE,
        outlook="none",
        short="none for a monthly Specialization",
        plan=SPECIALIZATION,
        price=MONTHLY,
        channels=WEB,
    ),
    RefundRule(
        "plus_14_days",
        "A Coursera Plus payment may be refunded if you ask through the Learner Help Center "
        "within 14 days of that payment.",
        f"{TERMS} and {HELP_ARTICLE}",
        TERMS_DATE,
        outlook="may",
        window_days=14,
        plan=PLUS,
        channels=WEB,
    ),
    RefundRule(
        "annual_renewal",
        "If that payment renewed an annual plan, it is not refundable: annual renewal charges are "
        "not refunded since Coursera's 2026 changes to its Terms.",
        CHANGES_2026,
        CHANGES_2026_DATE,
        plan=rf"{PLUS}.*{ANNUAL}",
        channels=WEB,
    ),
    RefundRule(
        "plus_after_trial",
        "If the subscription began with a free trial, the trial took the place of the refund "
        "period: a trial that was not cancelled in time gets no refund.",
        TERMS,
        TERMS_DATE,
        plan=PLUS,
        channels=WEB,
    ),
    RefundRule(
        "eu_withdrawal",
        "If you live in the EU, you may have a 14-day right of withdrawal: Coursera's Terms "
        "include a model withdrawal form, addressed to Coursera Europe B.V.",
        TERMS,
        TERMS_DATE,
        channels=WEB,
    ),
)

REFUNDS = RefundRules(
    RULES,
    how_to_ask=(
        "To ask, contact Coursera through the Learner Help Center (a refund cannot be requested "
        f"from My Purchases): {REFUND_PAGE}"
    ),
    unknown_plan=(
        "No refund rule the tool knows covers this plan (it knows Coursera Plus and monthly "
        "Specializations): Coursera's Terms and its Learner Help Center say which apply."
    ),
)
