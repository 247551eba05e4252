"""Custom actions with a real Tracker and CollectingDispatcher: the right part of the answer,
the topic remembered for follow-ups, and the handoff always last."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (
    ALTERNATIVE_KINDS,
    CARE_STEPS,
    MUSCLES,
    SIDE_EFFECTS,
    ActionAnswerAlternatives,
    ActionAnswerHowLong,
    ActionAnswerPostCare,
    ActionAnswerProcedure,
    ActionAnswerSideEffects,
)
from actions.suggestions import ActionSuggestTopics
from nlu.answer_labels import PART_RESPONSE_PREFIXES, WHOLE_ANSWER_RESPONSES, sent_part
from settings import PROJECT_ROOT

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def tracker(
    intent: str,
    entities: dict[str, list[str]] | None = None,
    slots: dict[str, Any] | None = None,
    parse_extra: dict[str, Any] | None = None,
) -> Tracker:
    latest = {
        "text": "a patient's question",
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [
            {"entity": name, "value": value}
            for name, values in (entities or {}).items()
            for value in values
        ],
        **(parse_extra or {}),
    }
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": slots or {},
            "latest_message": latest,
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def run(action: Action, state: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, state, DOMAIN))
    return dispatcher.messages, events


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [message.get("response") for message in messages]


@pytest.mark.parametrize(
    ("intent", "entities", "expected"),
    [
        ("ask_procedure", {}, ["utter_procedure_overview"]),
        ("ask_preparation", {}, ["utter_procedure_preparation"]),
        ("ask_injection_sites", {}, ["utter_procedure_injection_sites"]),
        ("ask_injection_sites", {"muscle": ["trapezius"]}, ["utter_muscle_trapezius"]),
        (
            "ask_injection_sites",
            {"muscle": ["sternocleidomastoid", "levator_scapulae", "sternocleidomastoid"]},
            ["utter_muscle_sternocleidomastoid", "utter_muscle_levator_scapulae"],
        ),
        ("ask_frequency", {}, ["utter_procedure_frequency"]),
        ("ask_how_long", {}, ["utter_procedure_timing"]),
    ],
)
def test_procedure_picks_the_part_asked_about(
    intent: str, entities: dict[str, list[str]], expected: list[str]
) -> None:
    messages, events = run(ActionAnswerProcedure(), tracker(intent, entities))
    assert responses(messages) == [*expected, "utter_handoff"]
    assert events == [SlotSet("topic", "procedure")]


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ({}, ["utter_side_effects_overview"]),
        ({"side_effect": ["general"]}, ["utter_side_effects_overview"]),
        ({"side_effect": ["swallowing"]}, ["utter_side_effect_swallowing"]),
        (
            {"side_effect": ["injection_site", "flu_like"]},
            ["utter_side_effect_injection_site", "utter_side_effect_flu_like"],
        ),
        ({"side_effect": ["muscle_weakness"]}, ["utter_side_effect_muscle_weakness"]),
    ],
)
def test_side_effects_pick_each_side_effect(
    entities: dict[str, list[str]], expected: list[str]
) -> None:
    messages, events = run(ActionAnswerSideEffects(), tracker("ask_side_effects", entities))
    assert responses(messages) == [*expected, "utter_handoff"]
    assert events == [SlotSet("topic", "side_effects")]


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ({}, ["utter_post_care_overview"]),
        ({"care_step": ["ice"]}, ["utter_post_care_ice"]),
        ({"care_step": ["activity", "heat"]}, ["utter_post_care_activity", "utter_post_care_heat"]),
        ({"care_step": ["diary"]}, ["utter_post_care_diary"]),
        ({"care_step": ["follow_up"]}, ["utter_post_care_follow_up"]),
    ],
)
def test_post_care_picks_each_step(entities: dict[str, list[str]], expected: list[str]) -> None:
    messages, events = run(ActionAnswerPostCare(), tracker("ask_post_care", entities))
    assert responses(messages) == [*expected, "utter_handoff"]
    assert events == [SlotSet("topic", "post_care")]


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ({}, ["utter_alternatives_overview"]),
        ({"alternative": ["oral_medication"]}, ["utter_alternative_oral_medication"]),
        ({"alternative": ["anticholinergics"]}, ["utter_alternative_oral_medication"]),
        ({"alternative": ["deep_brain_stimulation"]}, ["utter_alternative_surgery"]),
        ({"alternative": ["acupuncture", "biofeedback"]}, ["utter_alternative_complementary"]),
        (
            {"alternative": ["surgery", "muscle_relaxants"]},
            ["utter_alternative_surgery", "utter_alternative_oral_medication"],
        ),
    ],
)
def test_alternatives_pick_the_kind(entities: dict[str, list[str]], expected: list[str]) -> None:
    messages, events = run(ActionAnswerAlternatives(), tracker("ask_alternatives", entities))
    assert responses(messages) == [*expected, "utter_handoff"]
    assert events == [SlotSet("topic", "alternatives")]


@pytest.mark.parametrize(
    ("entities", "slots", "expected", "topic"),
    [
        ({}, {}, "utter_procedure_timing", "procedure"),
        ({}, {"topic": "alternatives"}, "utter_procedure_timing", "procedure"),
        ({}, {"topic": "side_effects"}, "utter_side_effects_duration", "side_effects"),
        ({"side_effect": ["general"]}, {}, "utter_side_effects_duration", "side_effects"),
        ({"side_effect": ["muscle_weakness"]}, {}, "utter_side_effects_duration", "side_effects"),
    ],
)
def test_how_long_follows_the_context(
    entities: dict[str, list[str]], slots: dict[str, Any], expected: str, topic: str
) -> None:
    messages, events = run(ActionAnswerHowLong(), tracker("ask_how_long", entities, slots))
    assert responses(messages) == [expected, "utter_handoff"]
    assert events == [SlotSet("topic", topic)]


def test_every_chosen_response_exists_in_the_domain_and_references_the_article() -> None:
    """All responses the actions can pick are real answers resting on article sentences (checked
    in test_answer_content.py), with follow-up buttons."""
    names = {
        name
        for name in DOMAIN["responses"]
        if name.startswith(
            ("utter_procedure", "utter_muscle", "utter_side_effect", "utter_post_care")
        )
        or name.startswith("utter_alternative")
    }
    assert len(names) >= 25
    for name in names:
        [variation] = DOMAIN["responses"][name]
        assert variation["metadata"]["source_refs"], name
        assert 1 <= len(variation.get("buttons", [])) <= 3, name


PART_ACTIONS = [
    ("ask_injection_sites", ActionAnswerProcedure(), "muscle", MUSCLES),
    ("ask_side_effects", ActionAnswerSideEffects(), "side_effect", SIDE_EFFECTS),
    ("ask_post_care", ActionAnswerPostCare(), "care_step", CARE_STEPS),
    ("ask_alternatives", ActionAnswerAlternatives(), "alternative", tuple(ALTERNATIVE_KINDS)),
]


def part_answer(intent: str, action: Action, entity: str, values: list[str]) -> list[str]:
    """The responses `action` sends for a message naming `values`."""
    messages, _ = run(action, tracker(intent, {entity: values} if values else None))
    return responses(messages)


@pytest.mark.parametrize(("intent", "action", "entity", "values"), PART_ACTIONS)
def test_the_nlu_reads_back_the_part_each_action_sends(
    intent: str, action: Action, entity: str, values: tuple[str, ...]
) -> None:
    """The part a follow-up is read after (nlu/follow_up.py) is the one the action sent: a named
    option ("acupuncture") reads as its kind; the overview and two parts as the whole answer."""
    for value in values:
        expected = ALTERNATIVE_KINDS.get(value, value) if entity == "alternative" else value
        assert sent_part(part_answer(intent, action, entity, [value]), intent) == expected
    assert sent_part(part_answer(intent, action, entity, []), intent) is None
    two = [values[0], values[-1]]
    assert sent_part(part_answer(intent, action, entity, two), intent) is None


def test_two_options_of_one_kind_are_one_part() -> None:
    sent = part_answer(
        "ask_alternatives",
        ActionAnswerAlternatives(),
        "alternative",
        ["acupuncture", "chiropractic"],
    )
    assert sent_part(sent, "ask_alternatives") == "complementary"


def test_every_part_response_in_the_domain_is_one_an_action_sends() -> None:
    sent = {
        response
        for intent, action, entity, values in PART_ACTIONS
        for value in values
        for response in part_answer(intent, action, entity, [value])
    }
    part_responses = {
        name
        for name in DOMAIN["responses"]
        if name.startswith(tuple(PART_RESPONSE_PREFIXES.values()))
    }
    assert part_responses - WHOLE_ANSWER_RESPONSES <= sent
    assert set(DOMAIN["responses"]) >= WHOLE_ANSWER_RESPONSES


def test_suggestions_are_readable_and_follow_the_ranking() -> None:
    parse = {
        "intent_ranking": [
            {"name": "faq", "confidence": 0.8},
            {"name": "ask_frequency", "confidence": 0.2},
        ],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/follow_up", "confidence": 0.45},
                    {"intent_response_key": "faq/causes", "confidence": 0.41},
                ]
            }
        },
    }
    messages, events = run(ActionSuggestTopics(), tracker("nlu_fallback", parse_extra=parse))
    [message] = messages
    assert message["text"] == "I'm not sure I understood. Did you mean one of these?"
    assert [b["title"] for b in message["buttons"]] == [
        "Why are follow-up appointments important?",
        "What causes cervical dystonia?",
        "Something else",
    ]
    assert message["buttons"][-1]["payload"] == "/deny"
    assert events == []


def test_suggestions_rank_an_faq_answer_by_its_own_likelihood() -> None:
    """An FAQ intent at 0.5 split between two answers: the procedure question at 0.3 is likelier
    than either answer (0.5 x 0.55, 0.5 x 0.45), so it comes first."""
    parse = {
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "faq", "confidence": 0.5},
            {"name": "ask_how_long", "confidence": 0.3},
            {"name": "advice", "confidence": 0.2},
        ],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/botox_effectiveness", "confidence": 0.55},
                    {"intent_response_key": "faq/expected_results", "confidence": 0.45},
                ]
            },
            "advice": {"ranking": [{"intent_response_key": "advice/dose", "confidence": 1.0}]},
        },
    }
    messages, _ = run(ActionSuggestTopics(), tracker("nlu_fallback", parse_extra=parse))
    assert [b["title"] for b in messages[0]["buttons"]] == [
        "How long does botox take to work and how long does it last?",
        "How effective are botox injections for cervical dystonia?",
        "Something else",
    ]


def test_suggestions_fall_back_to_general_topics_when_nothing_is_known() -> None:
    parse = {"intent_ranking": [{"name": "greet", "confidence": 0.2}]}
    messages, _ = run(ActionSuggestTopics(), tracker("nlu_fallback", parse_extra=parse))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == [
        "What is cervical dystonia?",
        "How does Botox work for cervical dystonia?",
        "Something else",
    ]
