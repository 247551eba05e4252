""" "Did you mean ...?": readable buttons for the likeliest topics when NLU is unsure."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

MAX_SUGGESTIONS = 2
TOPIC_RESPONSE_PREFIX = "utter_topic_"
PROMPT_RESPONSE = "utter_did_you_mean"
# Offered when NLU has no usable candidate at all.
DEFAULT_LABELS = ("faq_what_is_cervical_dystonia", "faq_how_botox_works")


def answer_ranking(parse: dict[str, Any]) -> list[tuple[str, float]]:
    """Answer labels (an intent, or `faq/causes` for a retrieval intent) by probability: an
    intent's confidence, or for a retrieval intent's answer, the intent's confidence times the
    answer's given the intent (so an FAQ at 0.5 split between two answers ranks them below a
    procedure question at 0.3). The staff tools (staff/) rank with it too."""
    selectors = parse.get("response_selector") or {}
    ranked: list[tuple[str, float]] = []
    for intent in parse.get("intent_ranking") or []:
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
        answers = (selectors.get(name) or {}).get("ranking") if name else None
        if answers:
            ranked += [
                (a["intent_response_key"], confidence * float(a["confidence"])) for a in answers
            ]
        elif name:
            ranked.append((name, confidence))
    return sorted(ranked, key=lambda pair: -pair[1])


def topic_label(answer: str) -> str:
    """The label of an answer's topic button (utter_topic_<label>): faq/causes -> faq_causes."""
    return answer.replace("/", "_")


def candidate_labels(parse_data: dict[str, Any]) -> list[str]:
    """Topic labels, likeliest first."""
    return [topic_label(answer) for answer, _ in answer_ranking(parse_data)]


def topic_question(domain: dict[str, Any], label: str) -> str | None:
    """The question that stands for a topic (domain response utter_topic_<label>), if any."""
    variations = (domain.get("responses") or {}).get(TOPIC_RESPONSE_PREFIX + label) or []
    return variations[0].get("text") if variations else None


class ActionSuggestTopics(Action):
    """Offer the two likeliest topics as buttons, plus the prompt's own "Something else"."""

    def name(self) -> str:
        return "action_suggest_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        questions: list[str] = []
        for label in [*candidate_labels(tracker.latest_message), *DEFAULT_LABELS]:
            question = topic_question(domain, label)
            if question and question not in questions:
                questions.append(question)
            if len(questions) == MAX_SUGGESTIONS:
                break
        prompt = domain["responses"][PROMPT_RESPONSE][0]
        buttons = [{"title": q, "payload": q} for q in questions] + prompt.get("buttons", [])
        dispatcher.utter_message(text=prompt["text"], buttons=buttons)
        return []
