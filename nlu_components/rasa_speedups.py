"""Two fixes for work Rasa 3.6 repeats on every message; same results, done once.

- `RemoteAction._validate_action_result` calls `jsonschema.validate`, which first checks the
  response schema itself against the JSON Schema meta-schema, on every custom-action call: about a
  third of this bot's CPU per message under load (bench/load.py). Here the validator is built once.
- `Event.resolve_by_type` walks every subclass of `Event` (about 30, with an abstractness check
  each) for every event of a conversation each time the tracker store loads it. Here each event
  type name is looked up once.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

RASA_RESOLVE_BY_TYPE = Event.resolve_by_type


@cache
def action_result_validator() -> Validator:
    """The validator for Rasa's action-server response schema (the schema is checked once)."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_: RemoteAction, result: dict[str, Any]) -> bool:
    """What `RemoteAction._validate_action_result` does, with the cached validator."""
    error: ValidationError | None = best_match(action_result_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the "
        f"Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


@cache
def known_event_class(type_name: str) -> type[Event] | None:
    """The event class named `type_name`, or None (then Rasa's own lookup decides)."""
    found = RASA_RESOLVE_BY_TYPE(type_name, default=_Unknown)
    return None if found is _Unknown else found


def resolve_event_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """What `Event.resolve_by_type` does, each name looked up once."""
    return known_event_class(type_name) or RASA_RESOLVE_BY_TYPE(type_name, default)


class _Unknown:
    """Stands for "no event class has this name"."""


def install() -> None:
    """Make Rasa use the fixes above."""
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_event_type)
