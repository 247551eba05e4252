"""Personal details are taken out of patient messages before staff see them."""

from __future__ import annotations

import pytest

from staff.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email me at jo.smith+cd@example.co.uk please", "email me at [email] please"),
        ("call 07700 900123 or +44 20 7946 0958", "call [phone] or [phone]"),
        ("my number is (555) 123-4567", "my number is [phone]"),
        ("born 12/03/1980, is botox ok", "born [date], is botox ok"),
        ("DOB 3rd March 1975", "DOB [date]"),
        ("dob: March 3, 1975", "dob: [date]"),
        ("date of birth 1980-03-12", "date of birth [date]"),
        ("hospital number 9434765919", "hospital number [phone]"),
        ("ref 123456", "ref [number]"),
        ("my name is Sarah Jones and my neck hurts", "my name is [name] and my neck hurts"),
        ("hi, my name is john. is it safe", "hi, my name is [name]. is it safe"),
        ("I'm Tom, I am scared of needles", "I'm [name], I am scared of needles"),
    ],
)
def test_personal_details_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I had 2 shots 12 weeks ago",
        "is 400 units a lot",
        "every 12 to 16 weeks?",
        "I am 45 and worried",
        "this is my third round",
    ],
)
def test_ordinary_numbers_and_words_stay(text: str) -> None:
    assert redact(text) == text
