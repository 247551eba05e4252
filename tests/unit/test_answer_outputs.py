"""One probability per answer label becomes what Rasa reads from an intent classifier and a
response selector; the context a follow-up leans on."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.answer_labels import answer_context, chosen_answer, sent_part, split_context
from nlu.answer_outputs import set_answer_outputs, set_no_answer

ANSWERS = {"greet": 0.1, "faq/causes": 0.2, "faq/symptoms": 0.6, "advice/dose": 0.1}


def outputs(answers: dict[str, float], limit: int = 10) -> dict:
    message = Message(data={TEXT: "x"})
    set_answer_outputs(message, answers, limit)
    return message.as_dict(only_output_properties=False)


def test_a_retrieval_answer_sets_the_intent_and_the_selection_rasa_reads() -> None:
    parse = outputs(ANSWERS)
    assert parse[INTENT]["name"] == "faq"
    selection = parse["response_selector"]
    assert selection["all_retrieval_intents"] == ["advice", "faq"]
    response = selection["faq"]["response"]
    assert response["intent_response_key"] == "faq/symptoms"
    assert response["utter_action"] == "utter_faq/symptoms"
    ranking = selection["faq"]["ranking"]
    assert [r["intent_response_key"] for r in ranking] == ["faq/symptoms", "faq/causes"]
    # The answer's confidence is given the intent, so the faq answers' confidences add up to 1.
    assert response["confidence"] == pytest.approx(0.75)
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)
    assert chosen_answer(parse) == "faq/symptoms"


def test_a_retrieval_intents_confidence_is_the_sum_over_its_answers() -> None:
    ranking = outputs(ANSWERS)["intent_ranking"]
    assert ranking[0] == {"name": "faq", "confidence": pytest.approx(0.8)}
    assert [r["name"] for r in ranking] == ["faq", "greet", "advice"]
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_a_plain_intent_and_the_ranking_length() -> None:
    parse = outputs({**ANSWERS, "greet": 0.9, "faq/symptoms": 0.0}, limit=2)
    assert parse[INTENT]["name"] == "greet"
    assert len(parse["intent_ranking"]) == 2
    assert chosen_answer(parse) == "greet"


def test_a_retrieval_intent_with_no_probability_left_does_not_divide_by_zero() -> None:
    parse = outputs({"greet": 1.0, "faq/causes": 0.0, "faq/symptoms": 0.0})
    assert parse["response_selector"]["faq"]["response"]["confidence"] == 0.0


def test_no_answer_is_an_empty_prediction() -> None:
    message = Message(data={TEXT: "🙂"})
    set_no_answer(message)
    assert message.get(INTENT) == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") == []


@pytest.mark.parametrize(
    ("context", "answer", "part"),
    [
        ("ask_post_care/heat", "ask_post_care", "heat"),
        ("ask_post_care", "ask_post_care", None),
        ("faq/causes", "faq/causes", None),  # a retrieval answer, not a part
        ("advice/dose", "advice/dose", None),
    ],
)
def test_a_context_is_an_answer_or_one_part_of_it(context: str, answer: str, part: str) -> None:
    assert split_context(context) == (answer, part)
    assert answer_context(answer, part) == context


@pytest.mark.parametrize(
    ("responses", "part"),
    [
        (["utter_muscle_trapezius", "utter_handoff"], "trapezius"),
        (["utter_procedure_injection_sites", "utter_handoff"], None),  # the overview
        (["utter_muscle_trapezius", "utter_muscle_splenius_capitis"], None),
        (["utter_post_care_heat"], None),  # another answer's part
        ([], None),  # nothing sent (the action server was down)
    ],
)
def test_the_one_part_the_bot_sent(responses: list[str], part: str | None) -> None:
    assert sent_part(responses, "ask_injection_sites") == part
    assert sent_part(responses, "faq/causes") is None


def test_an_overview_is_not_a_part() -> None:
    assert sent_part(["utter_post_care_overview"], "ask_post_care") is None
    assert sent_part(["utter_side_effects_overview"], "ask_side_effects") is None
    assert sent_part(["utter_side_effects_duration"], "ask_side_effects") is None
