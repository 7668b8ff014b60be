"""The shapes of personal data, whatever the site and its language: an email address, and a
card's last four digits after its brand (never translated) or a row of dots. A site adds the
words its pages put before those digits ("ending in", "terminada en")."""

from __future__ import annotations

import re

EMAIL_SHAPE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CARD_BRANDS = (
    r"\b(?:visa|mastercard|master card|amex|american express|discover|diners club|jcb|elo|hipercard)\b"
)
CARD_MARKS = rf"{CARD_BRANDS}[^\d\n]{{0,30}}?|•{{2,}}|\*{{4}}"


def card_digits(*words: str) -> re.Pattern[str]:
    """A card's last four digits (group 2) after its marks or one of `words` (group 1)."""
    before = "|".join([*words, CARD_MARKS])
    return re.compile(rf"((?:{before})\s*)(\d{{4}})", re.I)
