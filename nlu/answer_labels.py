"""Answer labels: an intent, or for a retrieval intent its answer (`faq/causes`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

RETRIEVAL_SEPARATOR = "/"  # faq/causes


def selected_response_key(parse: dict[str, Any], retrieval_intent: str) -> str | None:
    """The `intent/key` the response selection picked for `retrieval_intent`, as Rasa looks it up.

    Rasa's retrieval action reads the selector named after the intent, else the `default` one.
    """
    selectors = parse.get("response_selector") or {}
    selector = selectors.get(retrieval_intent) or selectors.get("default")
    if not selector:
        return None
    return selector.get("response", {}).get("intent_response_key")


def chosen_answer(parse: dict[str, Any]) -> str | None:
    """The label of the answer the bot gives to a parsed message (None before any message)."""
    intent = (parse.get("intent") or {}).get("name")
    retrieval_intents = (parse.get("response_selector") or {}).get("all_retrieval_intents", [])
    if intent in retrieval_intents:
        return selected_response_key(parse, intent) or intent
    return intent


# The answers with parts, and the entity each part is sent as (what actions/answers.py reads)
PART_ENTITIES = {
    "ask_injection_sites": "muscle",
    "ask_side_effects": "side_effect",
    "ask_post_care": "care_step",
    "ask_alternatives": "alternative",
}


def answer_context(answer: str, part: str | None) -> str:
    """The context a follow-up leans on: an answer, or one part of it (`ask_post_care/heat`)."""
    return f"{answer}{RETRIEVAL_SEPARATOR}{part}" if part else answer


def split_context(context: str) -> tuple[str, str | None]:
    """The answer and the part of a context: `ask_post_care/heat` -> (`ask_post_care`, `heat`);
    `faq/causes` and `ask_post_care` have no part. Answers with parts are intents, never
    retrieval answers, so the separator cannot be read both ways."""
    answer, _, part = context.partition(RETRIEVAL_SEPARATOR)
    return (answer, part) if answer in PART_ENTITIES and part else (context, None)


# The responses that send one part of an answer alone, by the answer: `utter_muscle_trapezius`
# is the trapezius part of ask_injection_sites (the names actions/answers.py builds; its tests
# check both sides agree). `utter_side_effects_*` and `utter_alternatives_*` are whole answers.
PART_RESPONSE_PREFIXES = {
    "ask_injection_sites": "utter_muscle_",
    "ask_side_effects": "utter_side_effect_",
    "ask_post_care": "utter_post_care_",
    "ask_alternatives": "utter_alternative_",
}
WHOLE_ANSWER_RESPONSES = frozenset({"utter_post_care_overview"})


def sent_part(responses: Iterable[str], answer: str) -> str | None:
    """The one part of `answer` the bot sent, from the names of the responses it sent, or None
    for the whole answer, an answer without parts, or several parts."""
    prefix = PART_RESPONSE_PREFIXES.get(answer)
    parts = {
        response.removeprefix(prefix)
        for response in responses
        if prefix and response.startswith(prefix) and response not in WHOLE_ANSWER_RESPONSES
    }
    return parts.pop() if len(parts) == 1 else None
