"""The red-flag detector: every emergency caught, few false alarms, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bench.red_flags import (
    EMERGENCY_SET,
    MAX_FALSE_ALARM_RATE,
    ORDINARY_SET,
    SPACY_PIPELINE,
    evaluate,
    load_matcher,
    read_cases,
)
from nlu_components.red_flags import RED_FLAG_KEY, RedFlagDetector, RedFlagMatcher

PREDICTED = [
    {"name": "faq", "confidence": 0.7},
    {"name": "greet", "confidence": 0.2},
    {"name": "emergency", "confidence": 0.1},
]


@pytest.fixture(scope="module")
def matcher() -> RedFlagMatcher:
    try:
        return load_matcher()
    except FileNotFoundError:
        pytest.fail(f"{SPACY_PIPELINE} is missing: run `make install`")


@pytest.fixture(scope="module")
def model(matcher: RedFlagMatcher) -> SpacyModel:
    return SpacyModel(matcher.nlp, str(SPACY_PIPELINE))


@pytest.fixture(scope="module")
def detector() -> RedFlagDetector:
    return RedFlagDetector.create(RedFlagDetector.get_default_config(), None, None, None)


def _message(text: str, model: SpacyModel | None = None) -> Message:
    """A message as the pipeline hands it over: the classifiers' verdict and (maybe) a doc."""
    message = Message(data={TEXT: text})
    message.set(INTENT, dict(PREDICTED[0]), add_to_output=True)
    message.set(INTENT_RANKING_KEY, [dict(intent) for intent in PREDICTED], add_to_output=True)
    if model is not None:  # SpacyNLP lower-cases the text before making the doc
        message.set(SPACY_DOCS[TEXT], model.model(text.lower()))
    return message


def test_the_sets_are_large_enough() -> None:
    emergencies = read_cases(EMERGENCY_SET)
    assert len(emergencies) >= 80
    assert sum(case.expected == "self_harm" for case in emergencies) >= 12
    assert {case.expected for case in emergencies} == {"emergency", "self_harm"}
    assert len(read_cases(ORDINARY_SET)) >= 150


def test_every_red_flag_is_caught_with_its_kind(matcher: RedFlagMatcher) -> None:
    missed = [
        f"{o.case.expected}: {o.case.text} -> {o.flag}"
        for o in evaluate(matcher, EMERGENCY_SET)
        if not o.correct
    ]
    assert not missed, "missed red flags:\n" + "\n".join(missed)


def test_ordinary_messages_rarely_raise_an_alarm(matcher: RedFlagMatcher) -> None:
    outcomes = evaluate(matcher, ORDINARY_SET)
    alarms = [f"{o.flag.kind}/{o.flag.reason}: {o.case.text}" for o in outcomes if o.flag]
    rate = len(alarms) / len(outcomes)
    assert rate <= MAX_FALSE_ALARM_RATE, f"false alarms {rate:.1%}:\n" + "\n".join(alarms)


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("I can't breathe, what should I do?", "emergency", "breathing"),
        ("is it normal that I can't swallow since my injection?", "emergency", "swallowing"),
        ("should I worry, my eyelids are drooping", "emergency", "drooping"),
        ("My Lips Are Swelling", "emergency", "allergic_reaction"),
        ("i cant breathe and i want to die", "self_harm", "self_harm"),
        ("can botox make it hard to swallow?", None, None),
        ("I'm not having any trouble swallowing", None, None),
        ("no double vision or blurry vision", None, None),
        ("I had trouble swallowing last year but it's gone", None, None),
        ("I'm not suicidal", None, None),
    ],
)
def test_detect_tells_reports_from_questions_negations_and_the_past(
    matcher: RedFlagMatcher, text: str, kind: str | None, reason: str | None
) -> None:
    flag = matcher.detect_text(text)
    found = (flag.kind, flag.reason) if flag else (None, None)
    assert found == (kind, reason)


@pytest.mark.parametrize("with_doc", [True, False], ids=["spacy-doc", "text-only"])
def test_process_makes_the_red_flag_the_final_intent(
    detector: RedFlagDetector, model: SpacyModel, with_doc: bool
) -> None:
    message = _message("since this morning i cant swallow properly", model if with_doc else None)
    detector.process([message], model)
    expected = {"name": "emergency", "confidence": 1.0}
    assert message.get(INTENT) == expected
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0] == expected
    assert [intent["name"] for intent in ranking] == ["emergency", "faq", "greet"]
    assert message.get(RED_FLAG_KEY) == {"kind": "emergency", "reason": "swallowing"}
    assert {INTENT, INTENT_RANKING_KEY, RED_FLAG_KEY} <= message.output_properties


def test_process_leaves_ordinary_messages_alone(
    detector: RedFlagDetector, model: SpacyModel
) -> None:
    message = _message("is trouble breathing a side effect?", model)
    detector.process([message], model)
    assert message.get(INTENT) == PREDICTED[0]
    assert message.get(INTENT_RANKING_KEY) == PREDICTED
    assert message.get(RED_FLAG_KEY) is None


def test_process_marks_self_harm(detector: RedFlagDetector, model: SpacyModel) -> None:
    message = _message("honestly i want to kill myself", model)
    detector.process([message], model)
    assert message.get(INTENT) == {"name": "self_harm", "confidence": 1.0}
    assert message.get(RED_FLAG_KEY) == {"kind": "self_harm", "reason": "self_harm"}


def test_process_training_data_passes_the_data_through(detector: RedFlagDetector) -> None:
    data = TrainingData([Message(data={TEXT: "i cant breathe", INTENT: "faq"})])
    assert detector.process_training_data(data) is data
    assert data.training_examples[0].get(INTENT) == "faq"


ODD_TEXTS = ["", " ", "\x00\x01\x02", "🫁😵‍💫🆘", "\n\n\t", "?!?!", "no", "i " * 5000]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
def test_odd_input_never_raises(detector: RedFlagDetector, model: SpacyModel, text: str) -> None:
    for message in (_message(text, model), _message(text), Message(data={TEXT: None})):
        assert detector.process([message], model) == [message]


def test_a_red_flag_at_the_end_of_a_long_message_is_caught(matcher: RedFlagMatcher) -> None:
    text = "thanks for explaining the appointment. " * 300 + "now i cant swallow"
    assert len(text) > 10_000
    assert matcher.detect_text(text) == matcher.detect_text("now i cant swallow")
    assert matcher.detect_text(text) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_detect_never_raises_on_random_text(matcher: RedFlagMatcher, text: str) -> None:
    flag = matcher.detect_text(text)
    assert flag is None or flag.kind in {"emergency", "self_harm"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.sampled_from(["i", "can't", "no", "not", "breathe", "swallow", "what", "if", ",", "?"])
        | st.text(max_size=12),
        max_size=400,
    )
)
def test_process_never_raises_on_random_word_salad(
    detector: RedFlagDetector, model: SpacyModel, words: list[str]
) -> None:
    message = _message(" ".join(words), model)
    detector.process([message], model)
    assert message.get(INTENT)["name"] in {"faq", "emergency", "self_harm"}
