"""The input guard's components and the guarded REST channel's checks, without servers."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from channels.guarded_rest import body_error, stored_text
from safety.input_guard import (
    DEFAULT_MAX_CHARS,
    EMPTY_INTENT,
    MAX_CHARS_VARIABLE,
    TOO_LONG_INTENT,
    InputGuardVerdict,
    InputNormaliser,
    clean_text,
    max_message_chars,
)

CLASSIFIED = {"name": "greet", "confidence": 0.9}


def run_guard(text: str | None) -> Message:
    """Pass `text` through the normaliser, a stand-in classifier, and the verdict."""
    message = Message(data={TEXT: text})
    InputNormaliser({}).process([message])
    message.set(INTENT, dict(CLASSIFIED), add_to_output=True)
    message.set(INTENT_RANKING_KEY, [dict(CLASSIFIED)], add_to_output=True)
    InputGuardVerdict({}).process([message])
    return message


def test_control_characters_are_stripped_and_whitespace_collapsed() -> None:
    assert clean_text("\x00what\x07 is\t\tbotox?\r\n\x1b[31m") == "what is botox? [31m"


def test_lone_surrogates_are_removed() -> None:
    assert clean_text("hi \ud800there") == "hi there"


def test_no_control_character_or_surrogate_survives() -> None:
    every_code_point = "".join(map(chr, range(0x110000)))
    assert not {unicodedata.category(char) for char in clean_text(every_code_point)} & {"Cc", "Cs"}


def test_emoji_and_accents_are_kept() -> None:
    assert clean_text("Größe 👍 café") == "Größe 👍 café"


def test_an_ordinary_question_keeps_the_classifier_intent() -> None:
    message = run_guard("  what is cervical dystonia?\x00 ")
    assert message.get(TEXT) == "what is cervical dystonia?"
    assert message.get(INTENT) == CLASSIFIED


@pytest.mark.parametrize("text", ["", "   ", "\x00\x07\n", "?!", "...", "👍🙂", None])
def test_messages_without_letters_or_digits_are_empty(text: str | None) -> None:
    message = run_guard(text)
    assert message.get(INTENT) == {"name": EMPTY_INTENT, "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == EMPTY_INTENT


def test_a_message_over_the_cap_is_cut_and_marked_too_long() -> None:
    message = run_guard("why " * 300)
    assert len(message.get(TEXT)) == DEFAULT_MAX_CHARS
    assert message.get(INTENT) == {"name": TOO_LONG_INTENT, "confidence": 1.0}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == [TOO_LONG_INTENT, "greet"]


def test_a_message_at_the_cap_is_not_too_long() -> None:
    assert run_guard("a" * DEFAULT_MAX_CHARS).get(INTENT) == CLASSIFIED


def test_the_cap_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_CHARS_VARIABLE, "20")
    message = run_guard("tell me about side effects please")
    assert message.get(TEXT) == "tell me about side e"
    assert message.get(INTENT)["name"] == TOO_LONG_INTENT


@pytest.mark.parametrize("value", ["", "0", "-5", "lots", "1e3"])
def test_a_malformed_cap_falls_back_to_the_default(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(MAX_CHARS_VARIABLE, value)
    assert max_message_chars() == DEFAULT_MAX_CHARS


def test_training_examples_are_cleaned_like_live_messages() -> None:
    example = Message(data={TEXT: "hello\x00  there", INTENT: "greet"})
    InputNormaliser({}).process_training_data(TrainingData([example]))
    assert example.get(TEXT) == "hello there"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_fuzz_the_guard_never_raises_and_leaves_clean_bounded_text(text: str) -> None:
    message = run_guard(text)
    seen = message.get(TEXT)
    assert len(seen) <= DEFAULT_MAX_CHARS
    assert not any(unicodedata.category(char) in {"Cc", "Cs"} for char in seen)
    assert seen == seen.strip()
    assert message.get(INTENT)["name"] in {"greet", EMPTY_INTENT, TOO_LONG_INTENT}


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ([1, 2], "must be a JSON object"),
        ("hello", "must be a JSON object"),
        (None, "must be a JSON object"),
        ({"sender": "a"}, "'message' is missing"),
        ({"sender": "a", "message": 5}, "'message' must be a string"),
        ({"sender": "a", "message": None}, "'message' must be a string"),
        ({"message": "hi"}, "'sender' must be a string"),
        ({"sender": "", "message": "hi"}, "'sender' must be a string"),
        ({"sender": "x" * 257, "message": "hi"}, "'sender' must be a string"),
        ({"sender": "a", "message": "hi", "metadata": []}, "'metadata' must be a JSON object"),
    ],
)
def test_malformed_bodies_are_explained(body: object, error: str) -> None:
    assert error in body_error(body)


def test_a_well_formed_body_passes() -> None:
    assert body_error({"sender": "a", "message": "", "metadata": {"k": 1}}) is None


def test_the_rest_channel_stores_at_most_one_character_over_the_cap() -> None:
    assert len(stored_text("\x00" + "x" * 50_000)) == DEFAULT_MAX_CHARS + 1


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(),
        st.lists(st.text()),
        st.dictionaries(
            st.sampled_from(["sender", "message", "metadata", "other"]),
            st.one_of(st.none(), st.integers(), st.text(), st.dictionaries(st.text(), st.text())),
        ),
    )
)
def test_fuzz_body_checks_never_raise(body: object) -> None:
    error = body_error(body)
    assert error is None or error.startswith("The ")
