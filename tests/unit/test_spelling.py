"""Mending misspelt words before the answer model reads them."""

from __future__ import annotations

import pytest

from nlu.model_input import model_input
from nlu.spelling import SpellingMender, edits_by_likelihood, english_words

TRAINING = [
    model_input("start", text)
    for text in (
        "can I keep taking my supplements?",
        "what supplements should I mention",
        "where do the needles go in",
        "where is it injected",
        "her neck hurts",
        "her head turns",
        "her doctor said so",
        "is the sternocleidomastoid injected",
        "which muscle is the sternocleidomastoid",
        "a chiropractor once",
    )
]


@pytest.fixture(scope="module")
def mender() -> SpellingMender:
    return SpellingMender().fit(TRAINING)


def mended(mender: SpellingMender, text: str, previous: str = "ask_procedure") -> str:
    return mender.transform([model_input(previous, text)])[0]


def test_a_typo_of_a_training_word_is_mended_and_the_rest_kept(mender: SpellingMender) -> None:
    assert mended(mender, "Wat about my SUPLEMENTS?!") == model_input(
        "ask_procedure", "wat about my supplements?!"
    )


def test_a_left_out_letter_is_likelier_than_one_too_many(mender: SpellingMender) -> None:
    # "wher" is one edit from "her" (more frequent) and from "where": a letter was left out
    assert mended(mender, "wher") == model_input("ask_procedure", "where")


def test_long_medical_words_are_mended(mender: SpellingMender) -> None:
    assert mended(mender, "sternocleidomastiod") == model_input(
        "ask_procedure", "sternocleidomastoid"
    )


def test_english_words_the_training_data_lacks_are_left_alone(mender: SpellingMender) -> None:
    # "where" is one edit from "wheres", and "here" from "hero"; both are English
    assert mended(mender, "wheres the hero") == model_input("ask_procedure", "wheres the hero")


def test_a_one_off_training_word_is_not_a_word_to_mend_to(mender: SpellingMender) -> None:
    assert mended(mender, "chiropracter") == model_input("ask_procedure", "chiropracter")


def test_short_words_numbers_and_unknown_words_stay(mender: SpellingMender) -> None:
    assert mended(mender, "hr 12wks xyzzyq") == model_input("ask_procedure", "hr 12wks xyzzyq")


def test_the_previous_answer_is_never_mended(mender: SpellingMender) -> None:
    assert mended(mender, "suplements", previous="faq/causes") == model_input(
        "faq/causes", "supplements"
    )


def test_edits_come_most_likely_first() -> None:
    left_out, swapped, changed, added = edits_by_likelihood("nek")
    assert "neck" in left_out
    assert "enk" in swapped
    assert "nak" in changed
    assert "ne" in added


def test_english_words_come_from_the_lemma_tables() -> None:
    words = english_words()
    assert {"dancer", "muscles", "injected", "swallow"} <= words
    assert "suplements" not in words
