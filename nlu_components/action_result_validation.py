"""Validate custom-action results against a schema validator built once, not once per call.

Rasa 3.6's `RemoteAction._validate_action_result` calls `jsonschema.validate`, which first checks
the response schema itself against the JSON Schema meta-schema: on every custom-action call. That
was about a third of this bot's CPU per message under load (bench/load.py). The replacement checks
the same schema, raises the same error with the same hint, but builds its validator only once.
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


def install() -> None:
    """Make Rasa's remote actions use the cached validator."""
    RemoteAction._validate_action_result = validate_action_result
