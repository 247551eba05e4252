"""The Rasa speed-ups are installed and give Rasa's own results."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

import nlu_components  # noqa: F401  (installs the fixes, as loading the model does)
from nlu_components.rasa_speedups import (
    RASA_RESOLVE_BY_TYPE,
    resolve_event_type,
    validate_action_result,
)

VALID = {
    "events": [{"event": "slot", "name": "topic", "value": "side_effects"}],
    "responses": [{"text": "Bruising can happen.", "buttons": [{"title": "t", "payload": "p"}]}],
}


def test_rasa_uses_the_fixes() -> None:
    assert RemoteAction._validate_action_result is validate_action_result
    assert Event.resolve_by_type is resolve_event_type


def test_valid_result_passes() -> None:
    assert RemoteAction("action_x", None)._validate_action_result(VALID) is True


@pytest.mark.parametrize(
    "result",
    [
        {"events": "not a list"},
        {"events": [{"no_event_key": 1}]},
        {"events": [{"event": "slot", "name": "topic"}], "responses": "hello"},
    ],
)
def test_invalid_result_raises_rasas_error_with_its_hint(result: dict) -> None:
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result(result)


@pytest.mark.parametrize("event_class", [UserUttered, ActionExecuted, SlotSet])
def test_event_types_resolve_as_rasa_does(event_class: type[Event]) -> None:
    name = event_class.type_name
    assert Event.resolve_by_type(name) is RASA_RESOLVE_BY_TYPE(name) is event_class
    assert Event.resolve_by_type(name) is event_class  # the second lookup, from the cache


def test_unknown_event_type_is_rasas_error_or_the_default() -> None:
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.from_parameters({"event": "slot", "name": "topic", "value": "x"}) == SlotSet(
        "topic", "x"
    )
