"""The provider handoff rendered from the clinic settings."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import utter_handoff
from settings import ClinicSettings


def test_handoff_uses_the_configured_clinic() -> None:
    dispatcher = CollectingDispatcher()
    settings = ClinicSettings(
        clinic_name="Riverside Neurology",
        clinic_phone="+44 20 7946 0000",
        booking_url="https://riverside.example/book",
    )
    utter_handoff(dispatcher, settings)
    [message] = dispatcher.messages
    assert message["response"] == "utter_handoff"
    assert message["clinic_name"] == "Riverside Neurology"
    assert message["clinic_phone"] == "+44 20 7946 0000"
    assert message["booking_url"] == "https://riverside.example/book"


def test_handoff_defaults_read_as_a_sentence() -> None:
    dispatcher = CollectingDispatcher()
    utter_handoff(dispatcher, ClinicSettings())
    [message] = dispatcher.messages
    assert message["clinic_name"] == "your clinic"
    assert message["emergency_number"] == "your local emergency number"
