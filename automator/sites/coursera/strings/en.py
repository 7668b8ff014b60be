"""English. Sources: [official] Coursera's help centre, Terms or front-end code; [code] public
automation code that drove the real site; [guide] third-party guides; [guess] ours (see
../shared/coursera-site.md). A wording met on a new rendering goes here, with its source."""

from __future__ import annotations

from automator.sites.coursera.strings import Strings, anywhere, words

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

EN = Strings(
    language="en",
    locale="en-US",
    # "December 14, 2026" [guide]; "Dec 14, 2026" [guess]
    date=rf"{MONTH}\.? \d{{1,2}}, \d{{4}}",
    months=(
        "jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?", "july?",
        "aug(?:ust)?", "sep(?:t(?:ember)?)?", "oct(?:ober)?", "nov(?:ember)?", "dec(?:ember)?",
    ),
    # "$59.00 / month", "$399 a year" [guide]; "US$59/mo", "€59.00 per month" [guess]
    price=(
        r"(?:US)?[$€£₹]\s?\d[\d,]*(?:\.\d\d)?"
        r"(?:\s*(?:/|per|a|an|every)\s*(?:month|mo|year|yr)\b)?"
    ),
    log_in=words(r"log ?in"),  # "Log In" [official] header; "Log in" [code] 2025-26
    # "Login" / "Log in" [code] 2021-25; "Continue" identifier-first [code] 2025-26; "Sign in" [guess]
    sign_in_submit=words(r"log ?in", "login", "continue", "sign in"),
    # Social and organisation sign-in [official] help centre
    other_service=anywhere(
        r"\bgoogle\b", r"\bapple\b", r"\bfacebook\b", r"organi[sz]ation", "single sign-on", r"\bsso\b"
    ),
    two_factor_field=anywhere(
        "verification code", "one-time code", "authenticat", "security code", "2-step", "two-factor"
    ),  # [guess]
    two_factor_submit=words("verify", "continue", "submit", r"log ?in", "sign in"),  # [guess]
    avatar_label=words(r"user dropdown menu for (.+)"),  # [official]
    menu_settings=words("settings"),  # [official] avatar menu ~2021
    menu_my_purchases=words("my purchases"),  # [official]
    settings_heading=words("account settings", "settings"),  # "Account settings" [guide]
    subscriptions_link=words("subscriptions"),  # [guide] Settings → left sidebar → Subscriptions
    # "Subscriptions" [guide]; "Manage Subscriptions" [official] My Purchases tab; others [guess]
    subscriptions_heading=words(
        "subscriptions", "manage subscriptions", "my subscriptions", "your subscriptions"
    ),
    my_purchases_heading=words("my purchases"),  # [official]
    manage_subscriptions_tab=words("manage subscriptions"),  # [official] help centre
    # "Cancel Subscription" [guide] the brief; "Cancel" [official] help centre (My Purchases);
    # "Cancel Free Trial" [guess]; "Cancel subscription" [official] free-trial article
    row_cancel=words(
        "cancel", "cancel subscription", "cancel free trial", "cancel trial", "cancel my subscription"
    ),
    cancelled=anywhere(r"\bcancel+ed\b"),  # [guess]
    paused=anywhere(r"\bpaused\b"),  # [guess]
    trial=anywhere(
        r"\bfree trial\b", r"\btrial (?:ends|period)\b", r"\bin (?:your|a) trial\b"
    ),  # [official] 7-day free trials
    trial_ends=r"(?:free )?trial ends(?: on)?|trial until|trial period ends(?: on)?|ends on",  # [guess]
    next_billing=(
        r"next (?:billing|payment|charge|bill)(?: date)?|renews(?: on)?|first (?:payment|charge)(?: on)?"
        r"|(?:will be )?charged on|billed on"
    ),  # "Next billing date" [guess] row layout
    access_until=r"(?:access|paused|available) until|until",  # "access until <date>" [official] Terms
    no_subscription=anywhere(
        r"\b(?:no|don't have any|do not have any|not have any)\b[^.]*subscriptions?"
    ),  # [guess]
    provided_by=r"provided by",  # "Provided by <organisation>" [official] the brief
    card_ending=r"ending in|ending with",  # "Visa ending in 4242" [guess]
    billed_by=("billed by", "billed through", "provided by", "managed by", "billing", "payment method"),
    apple=anywhere(r"\bapple\b", "app store", "itunes", r"\bios app\b"),  # [official] the brief
    google_play=anywhere("google play", "play store", r"\bandroid app\b"),  # [official] the brief
    organization=anywhere(
        r"\bprovided by\b",
        r"coursera for (?:business|campus|government)",
        r"your organi[sz]ation",
        r"\bemployer\b",
    ),  # [official] the brief
    proceed=words("continue", "next", "submit", "continue to cancel(?:l?ing|lation)?"),  # [guess]
    skip=words("skip", "skip this(?: step| question| survey)?", "skip survey"),  # [guess]
    neutral_reasons=(
        words("prefer not to say", "i(?:'d| would) rather not say", "rather not say"),  # [guess]
        words("other", "other reasons?", "something else", "none of the above"),  # [guess]
    ),
    # "keep access until …" [guide]; "At the end of your billing period (…)" an independent rendering
    at_period_end=anywhere(
        r"keep (?:my )?access until",
        r"at the end of (?:your|the|my) (?:current )?(?:billing|subscription|paid|payment) (?:period|cycle)",
        r"(?:when|once) (?:my|your|the) (?:current )?(?:billing )?period ends",
    ),
    immediately=anywhere(
        r"^immediately", r"\bend (?:it |my subscription )?now\b", r"lose access (?:today|now)"
    ),
    # "No thanks" [guess]; a decline that goes on cancelling [guide] 2025-26
    decline_offer=words(
        r"no,? thanks?(?:,? (?:continue|i still want to) cancel(?:l?ing|lation)?)?",
        "no thank you",
        r"continue (?:to )?cancel(?:l?ing|lation)?",
        "i still want to cancel",
        "cancel anyway",
        r"no,? (?:continue|proceed)(?: to cancel(?:l?ing|lation)?)?",
        "skip(?: this)? offer",
        "not interested",
        "decline(?: offer)?",
    ),
    offer_pause=anywhere(r"\bpause"),  # [guide] "a temporary pause"
    # "a discounted rate" [guide]; "Stay and save 50%" an independent rendering
    offer_discount=anywhere(r"\d+\s?% off", r"\bsave \d+\s?%", r"\bdiscount", "half price", "reduced price"),
    offer_annual=anywhere(
        r"\bannual\b", r"\byearly\b", r"switch (?:to )?(?:a |the )?(?:annual|yearly) plan"
    ),  # [guide]
    # "Yes, Cancel" [guide] the brief; "Cancel subscription" [official] free trial, [guide] 2025-26;
    # "Confirm cancellation" [guess]
    confirm=words(
        "yes, cancel",
        "yes, cancel (?:my )?(?:subscription|free trial|trial)",
        "cancel subscription",
        "cancel my subscription",
        "confirm cancell?ation",
        "cancel (?:my )?(?:free )?trial",
    ),
    # "Keep Subscription" [guess]; the rest [guess]
    way_back=words(
        "keep (?:my )?(?:subscription|free trial|trial|plan|learning|coursera plus)",
        "go back",
        "back",
        "never ?mind",
        r"no,? keep(?: it| my subscription| subscription)?",
        "not now",
        "don'?t cancel",
        "no,? go back",
        "stay",
    ),
    close=words("close", "×", "x", "dismiss", "close dialog", "close modal"),
    terms=anywhere(r"\baccess\b", r"\bcharged?\b", r"\bbilled\b", r"\bbilling\b", r"\brefund"),
    cancelled_notice=anywhere(r"\bcancel+ed\b"),  # [guess]
    # Cookie consent banners (OneTrust and the like) [official] "some regions show a cookie banner"
    cookie=anywhere(r"\bcookies?\b"),
    cookie_reject=words(
        "reject all",
        r"reject(?: all)?(?: non-essential| optional| additional)?(?: cookies)?",
        "decline(?: all)?(?: cookies)?",
        r"(?:use )?(?:strictly )?necessary(?: cookies)? only",
        r"only (?:strictly )?(?:necessary|essential)(?: cookies)?",
        "refuse(?: all)?",
        "deny(?: all)?",
        "essential cookies only",
    ),
    cookie_accept=words(
        "accept(?: all)?(?: cookies)?", "allow all(?: cookies)?", "i agree", "agree", "got it", "ok"
    ),
    one_tap_close=words("close", "dismiss", "×"),  # Google One Tap [official]
)
