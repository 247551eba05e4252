"""The "consult your healthcare provider" handoff that ends every answer about treatment."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from settings import ClinicSettings, get_settings

HANDOFF_RESPONSE = "utter_handoff"


def utter_handoff(dispatcher: CollectingDispatcher, settings: ClinicSettings | None = None) -> None:
    """Send the handoff response, filled with the clinic's configured contact details."""
    values = (settings or get_settings()).template_values()
    dispatcher.utter_message(response=HANDOFF_RESPONSE, **values)
