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


def candidate_labels(parse_data: dict[str, Any]) -> list[str]:
    """Topic labels, likeliest first: intents, and each answer of a retrieval intent scored by
    the intent's confidence times the answer's given the intent. An FAQ at 0.5 split between
    two answers ranks them below a procedure question at 0.3."""
    selections = parse_data.get("response_selector") or {}
    scored: list[tuple[float, str]] = []
    for ranked in parse_data.get("intent_ranking") or []:
        intent = ranked.get("name") or ""
        confidence = float(ranked.get("confidence") or 0.0)
        selection = selections.get(intent)
        if selection is None:
            scored.append((confidence, intent))
            continue
        scored.extend(
            (confidence * float(answer.get("confidence") or 0.0), label.replace("/", "_"))
            for answer in selection.get("ranking") or []
            if (label := answer.get("intent_response_key"))
        )
    return [label for _, label in sorted(scored, key=lambda pair: -pair[0])]


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
