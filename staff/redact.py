"""Personal details taken out of what patients typed, before staff see it in a report or export."""

from __future__ import annotations

import re

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# Order matters: e-mails and dates before phone numbers, phone numbers before digit runs.
_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE), "[email]"),
    (re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"), "[date]"),
    (
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{2,4}}\b", re.I),
        "[date]",
    ),
    (
        re.compile(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}\b", re.IGNORECASE),
        "[date]",
    ),
    (re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{7,}\d(?![\w])"), "[phone]"),
    (re.compile(r"\d{6,}"), "[number]"),
    (
        re.compile(
            r"(?i:\b(my name is|my name's|my name:|i am called|i'm called)\s+)"
            r"([A-Za-z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
        ),
        r"\1 [name]",
    ),
    # "I'm Tom" but not "I'm scared": only a capitalised word after "I am" / "I'm"
    (re.compile(r"(?i:\b(i am|i'm)\s+)([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"), r"\1 [name]"),
]


def redact(text: str) -> str:
    """`text` with e-mail addresses, dates, phone numbers, long digit runs and names given after
    "my name is" (and the like) replaced by [email], [date], [phone], [number], [name]."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
