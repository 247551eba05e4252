"""Rasa's remote actions validate results with the cached validator, with the same outcomes."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import nlu_components  # noqa: F401  (installs the validation fix, as loading the model does)
from nlu_components.action_result_validation import validate_action_result

VALID = {
    "events": [{"event": "slot", "name": "topic", "value": "side_effects"}],
    "responses": [{"text": "Bruising can happen.", "buttons": [{"title": "t", "payload": "p"}]}],
}


def test_rasa_remote_actions_use_the_fix() -> None:
    assert RemoteAction._validate_action_result is validate_action_result


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
