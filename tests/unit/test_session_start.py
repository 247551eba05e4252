"""The Rasa server starts every conversation itself: clinic slots, disclaimer, then listening."""

from __future__ import annotations

import asyncio

import pytest
import rasa.core.actions.action as rasa_actions
from rasa.core.actions.action import ActionSessionStart
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from settings import get_settings, load_action_timeout
from tests.support.servers import PROJECT_ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def start(domain: Domain, tracker: DialogueStateTracker) -> list:
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    return asyncio.run(ActionSessionStart().run(CollectingOutputChannel(), nlg, tracker, domain))


def test_the_session_start_needs_no_action_server(domain: Domain) -> None:
    assert "action_session_start" not in domain.user_actions


def test_a_new_session_gets_the_clinic_slots_and_the_disclaimer_then_listens(
    domain: Domain,
) -> None:
    events = start(domain, DialogueStateTracker("new", domain.slots))

    assert isinstance(events[0], SessionStarted)
    slots = {e.key: e.value for e in events if isinstance(e, SlotSet)}
    assert slots == {**get_settings().template_values(), "feedback_buttons": False}
    said = [e for e in events if isinstance(e, BotUttered)]
    assert [e.text for e in said] == [domain.responses["utter_disclaimer"][0]["text"]]
    assert said[0].metadata["utter_action"] == "utter_disclaimer"
    assert events[-1] == ActionExecuted("action_listen")


def test_slots_of_the_last_session_are_carried_over_and_the_clinic_read_again(
    domain: Domain,
) -> None:
    old = DialogueStateTracker.from_events(
        "old",
        [SlotSet("topic", "side_effects"), SlotSet("clinic_name", "Stale Clinic")],
        domain.slots,
    )
    tracker = DialogueStateTracker.from_events("old", old.events, domain.slots)
    for event in start(domain, tracker):
        tracker.update(event)
    assert tracker.get_slot("topic") == "side_effects"
    assert tracker.get_slot("clinic_name") == get_settings().clinic_name


def test_rasa_waits_the_configured_time_for_a_custom_action() -> None:
    assert load_action_timeout() == rasa_actions.DEFAULT_REQUEST_TIMEOUT
