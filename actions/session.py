"""Start of a conversation: the clinic's contact details go into slots, then the disclaimer."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import get_settings


class ActionSessionStart(Action):
    """Fills the clinic slots from `.env` so domain responses (handoff, emergency) use them."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        clinic_slots = [
            SlotSet(name, value) for name, value in get_settings().template_values().items()
        ]
        dispatcher.utter_message(response="utter_disclaimer")
        return [SessionStarted(), *clinic_slots, ActionExecuted("action_listen")]
