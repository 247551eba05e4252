"""Which patient questions reach which answer, from the training data, for the review sheet.

Retrieval answers (`utter_faq/...`, `utter_advice/...`) are reached by the examples of their
retrieval intent; answers that a custom action chooses are reached by the examples that the
action, given the example's intent and the entities that the bot's lookup tables and synonyms
find in it (as its PartNameExtractor and EntitySynonymMapper do), answers with them; the rest
by the intents whose rules utter them. An answer is followed by the handoff when a custom action
chose it or its rule sends `utter_handoff` after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa_sdk import Tracker

from actions.answers import (
    ActionAnswerAlternatives,
    ActionAnswerPostCare,
    ActionAnswerProcedure,
    ActionAnswerSideEffects,
    AnswerAction,
)
from actions.handoff import HANDOFF_RESPONSE
from nlu.part_names import PartNames, lookup_tables
from settings import PROJECT_ROOT

ACTIONS_BY_INTENT: dict[str, AnswerAction] = {
    "ask_procedure": ActionAnswerProcedure(),
    "ask_preparation": ActionAnswerProcedure(),
    "ask_injection_sites": ActionAnswerProcedure(),
    "ask_frequency": ActionAnswerProcedure(),
    "ask_side_effects": ActionAnswerSideEffects(),
    "ask_post_care": ActionAnswerPostCare(),
    "ask_alternatives": ActionAnswerAlternatives(),
}


@dataclass
class Reach:
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    handed_off: set[str] = field(default_factory=set)


def _tracker(intent: str, entities: list[dict]) -> Tracker:
    latest = {"intent": {"name": intent}, "entities": entities, "text": ""}
    return Tracker("review", {}, latest, [], False, None, {}, "")


def _chosen(intent: str, entities: list[dict]) -> list[str]:
    if intent == "ask_how_long":
        about_side_effects = any(e.get("entity") == "side_effect" for e in entities)
        answer = ActionAnswerSideEffects() if about_side_effects else ActionAnswerProcedure()
        return answer.choose_responses(_tracker(intent, entities))
    action = ACTIONS_BY_INTENT.get(intent)
    return action.choose_responses(_tracker(intent, entities)) if action else []


def _rule_utterances(rules_file: Path) -> tuple[dict[str, list[str]], set[str]]:
    """Intent -> the responses its rules utter first; responses a rule follows with the handoff."""
    by_intent: dict[str, list[str]] = defaultdict(list)
    handed_off: set[str] = set()
    for rule in (yaml.safe_load(rules_file.read_text()) or {}).get("rules") or []:
        steps = rule.get("steps") or []
        for i, step in enumerate(steps[:-1]):
            action = steps[i + 1].get("action", "")
            if "intent" in step and action.startswith("utter_") and "condition" not in rule:
                by_intent[step["intent"]].append(action)
            then = steps[i + 2].get("action") if i + 2 < len(steps) else None
            if action.startswith("utter_") and then == HANDOFF_RESPONSE:
                handed_off.add(action)
    return by_intent, handed_off


def _entity_finder(data: TrainingData) -> Callable[[str], list[dict]]:
    """The entities of a text as the bot's PartNameExtractor and synonyms find them."""
    names = PartNames.from_tables(lookup_tables(data))
    synonyms = data.entity_synonyms

    def find(text: str) -> list[dict]:
        return [
            {"entity": e["entity"], "value": synonyms.get(e["value"], e["value"])}
            for e in names.find(text)
        ]

    return find


@lru_cache(maxsize=1)
def reach(root: Path = PROJECT_ROOT) -> Reach:
    """Every example question of the training data, under the answer it reaches."""
    found = Reach()
    by_intent, handed_off = _rule_utterances(root / "data" / "rules.yml")
    found.handed_off |= handed_off
    data = load_data(str(root / "data" / "nlu"))
    entities_of = _entity_finder(data)
    for message in data.intent_examples:
        text, intent = message.get("text"), message.get("intent")
        full = message.get("intent_response_key")
        if full and "/" in full:
            names = [f"utter_{full}"]
            if f"utter_{intent}" in handed_off:
                found.handed_off.add(names[0])
        else:
            names = _chosen(intent, entities_of(text))
            found.handed_off.update(names)
            names = names or by_intent.get(intent, [])
        for name in names:
            found.examples[name].append(text)
    return found


def example_questions(name: str, count: int = 5) -> list[str]:
    """Up to `count` questions that reach answer `name`, spread from the shortest to the longest."""
    examples = sorted(set(reach().examples.get(name, [])), key=lambda t: (len(t), t))
    if len(examples) <= count:
        return examples
    step = (len(examples) - 1) / (count - 1)
    return [examples[round(i * step)] for i in range(count)]


def is_handed_off(name: str) -> bool:
    return name in reach().handed_off
