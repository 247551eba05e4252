"""The custom answer actions: each picks the domain responses that fit the question, then hands off.

Which response fits comes from the entities of the latest message (a muscle, a side effect, a
care step, an alternative), the intent, and the `topic` slot that the previous answer left, so
follow-ups such as "how long do they last?" land in the right place. The words themselves live in
domain.yml; this module only chooses among them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import utter_handoff

TOPIC_SLOT = "topic"

# Each named alternative belongs to one of the article's three kinds of alternative.
ALTERNATIVE_KINDS = {
    "oral_medication": "oral_medication",
    "muscle_relaxants": "oral_medication",
    "anticholinergics": "oral_medication",
    "surgery": "surgery",
    "selective_denervation": "surgery",
    "deep_brain_stimulation": "surgery",
    "complementary": "complementary",
    "physical_therapy": "complementary",
    "chiropractic": "complementary",
    "acupuncture": "complementary",
    "biofeedback": "complementary",
}
MUSCLES = ("sternocleidomastoid", "splenius_capitis", "levator_scapulae", "trapezius")
SIDE_EFFECTS = ("injection_site", "muscle_weakness", "swallowing", "flu_like")
CARE_STEPS = ("ice", "activity", "heat", "diary", "follow_up")

PROCEDURE_RESPONSES_BY_INTENT = {
    "ask_preparation": "utter_procedure_preparation",
    "ask_injection_sites": "utter_procedure_injection_sites",
    "ask_frequency": "utter_procedure_frequency",
    "ask_how_long": "utter_procedure_timing",
}


def entity_values(tracker: Tracker, entity: str, known: tuple[str, ...] | dict) -> list[str]:
    """Distinct known values of `entity` in the latest message, in the order they were written."""
    values: list[str] = []
    for value in tracker.get_latest_entity_values(entity):
        if value in known and value not in values:
            values.append(value)
    return values


def latest_intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


class AnswerAction(Action, ABC):
    """Utter the chosen responses, end with the provider handoff, remember the topic."""

    topic: str

    @abstractmethod
    def choose_responses(self, tracker: Tracker) -> list[str]:
        """The names of the domain responses that answer the latest message, in order."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        for response in self.choose_responses(tracker):
            dispatcher.utter_message(response=response)
        utter_handoff(dispatcher)
        return [SlotSet(TOPIC_SLOT, self.topic)]


class ActionAnswerProcedure(AnswerAction):
    """Preparation, injection sites (per muscle), frequency, timing, or what to expect."""

    topic = "procedure"

    def name(self) -> str:
        return "action_answer_procedure"

    def choose_responses(self, tracker: Tracker) -> list[str]:
        muscles = entity_values(tracker, "muscle", MUSCLES)
        if muscles:
            return [f"utter_muscle_{muscle}" for muscle in muscles]
        intent = latest_intent(tracker)
        return [PROCEDURE_RESPONSES_BY_INTENT.get(intent, "utter_procedure_overview")]


class ActionAnswerSideEffects(AnswerAction):
    """Each named side effect, how long they last, or the overview."""

    topic = "side_effects"

    def name(self) -> str:
        return "action_answer_side_effects"

    def choose_responses(self, tracker: Tracker) -> list[str]:
        if latest_intent(tracker) == "ask_how_long":
            return ["utter_side_effects_duration"]
        named = entity_values(tracker, "side_effect", SIDE_EFFECTS)
        return [f"utter_side_effect_{effect}" for effect in named] or [
            "utter_side_effects_overview"
        ]


class ActionAnswerPostCare(AnswerAction):
    """Ice, activity, heat, the symptom diary, follow-up visits, or all of them."""

    topic = "post_care"

    def name(self) -> str:
        return "action_answer_post_care"

    def choose_responses(self, tracker: Tracker) -> list[str]:
        steps = entity_values(tracker, "care_step", CARE_STEPS)
        return [f"utter_post_care_{step}" for step in steps] or ["utter_post_care_overview"]


class ActionAnswerAlternatives(AnswerAction):
    """Oral medicines, surgery, complementary therapies (by kind or named option), or all."""

    topic = "alternatives"

    def name(self) -> str:
        return "action_answer_alternatives"

    def choose_responses(self, tracker: Tracker) -> list[str]:
        kinds: list[str] = []
        for option in entity_values(tracker, "alternative", ALTERNATIVE_KINDS):
            if ALTERNATIVE_KINDS[option] not in kinds:
                kinds.append(ALTERNATIVE_KINDS[option])
        return [f"utter_alternative_{kind}" for kind in kinds] or ["utter_alternatives_overview"]


class ActionAnswerHowLong(Action):
    """ "How long ...?" means the side effects when they are the subject, else Botox's effect."""

    def name(self) -> str:
        return "action_answer_how_long"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        about_side_effects = any(tracker.get_latest_entity_values("side_effect")) or (
            tracker.get_slot(TOPIC_SLOT) == "side_effects"
        )
        answer = ActionAnswerSideEffects() if about_side_effects else ActionAnswerProcedure()
        return await answer.run(dispatcher, tracker, domain)
