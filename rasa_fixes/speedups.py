"""Fixes for work Rasa 3.6 repeats on every message; same results, done once or done directly.

- `RemoteAction._validate_action_result` calls `jsonschema.validate`, which first checks the
  response schema itself against the JSON Schema meta-schema, on every custom-action call, and
  then tries every event against all 23 event schemas of a `oneOf`. Here the validators are built
  once and each event is checked against the one schema its `event` name selects (the other 22
  cannot match: each pins a different name). Anything that check does not pass goes through
  Rasa's full schema, so every verdict and error is Rasa's own.
- `Event.resolve_by_type` walks every subclass of `Event` (about 30, with an abstractness check
  each) for every event of a conversation each time the tracker store loads it. Here each event
  type name is looked up once.
- `DaskGraphRunner.run` rebuilds a dask graph, orders it and runs it through dask's scheduler for
  every message and every action prediction (about a tenth of this bot's CPU per message). Here
  the nodes a set of targets needs are put in order once, then called one after another, each with
  its parents' outputs, as dask's synchronous scheduler calls them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.utils.schemas.events import EVENT_SCHEMA

RASA_RESOLVE_BY_TYPE = Event.resolve_by_type
RASA_GRAPH_RUN = DaskGraphRunner.run


def checked_validator(schema: dict[str, Any]) -> Validator:
    """A validator for `schema`, the schema itself checked once."""
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@cache
def action_result_validator() -> Validator:
    """The validator for Rasa's whole action-server response schema."""
    return checked_validator(RemoteAction.action_response_format_spec())


@cache
def response_shape_validator() -> Validator:
    """Rasa's response schema with the events left unchecked (they are checked one by one)."""
    schema = RemoteAction.action_response_format_spec()
    return checked_validator(
        {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
    )


@cache
def event_validators() -> dict[str, Validator]:
    """For each event name, a validator of Rasa's event schema with only that name's branch."""
    shared = {key: value for key, value in EVENT_SCHEMA.items() if key != "oneOf"}
    return {
        branch["properties"]["event"]["const"]: checked_validator({**shared, "allOf": [branch]})
        for branch in EVENT_SCHEMA["oneOf"]
    }


def passes_by_event_name(result: Any) -> bool:
    """True only if Rasa's schema accepts `result`: each event passes the branch its name picks."""
    if not response_shape_validator().is_valid(result):
        return False
    validators = event_validators()
    for event in result.get("events", []):
        validator = validators.get(event.get("event")) if isinstance(event, dict) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def validate_action_result(_: RemoteAction, result: dict[str, Any]) -> bool:
    """What `RemoteAction._validate_action_result` does: True, or Rasa's ValidationError."""
    if passes_by_event_name(result):
        return True
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


Step = tuple[str, GraphNode, tuple[str, ...]]


def execution_order(runner: DaskGraphRunner, targets: tuple[str, ...]) -> list[Step]:
    """The nodes `targets` need, each after the nodes it needs (kept per runner and targets)."""
    orders: dict[tuple[str, ...], list[Step]] = runner.__dict__.setdefault("_orders", {})
    if targets not in orders:
        nodes, steps, seen = runner._graph_schema.nodes, [], set()

        def visit(name: str) -> None:
            if name in seen or name not in nodes:  # not a node: an input placeholder
                return
            seen.add(name)
            needs = tuple(nodes[name].needs.values())
            for need in needs:
                visit(need)
            steps.append((name, runner._instantiated_nodes[name], needs))

        for target in targets:
            visit(target)
        orders[targets] = steps
    return orders[targets]


def run_in_order(
    self: DaskGraphRunner,
    inputs: dict[str, Any] | None = None,
    targets: Iterable[str] | None = None,
) -> dict[str, Any]:
    """What `DaskGraphRunner.run` does: the targets' outputs, by node name."""
    run_targets = tuple(targets) if targets else tuple(self._graph_schema.target_names)
    steps = execution_order(self, run_targets)
    # As in dask: an input replaces the node of its name; a name nothing provides is passed as is
    outputs: dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and any(value == node_name for node_name, _, _ in steps):
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure that none of the "
                f"input names passed to the `run` method are the same as node names in the graph "
                f"schema."
            )
        outputs[name] = (name, value)
    try:
        for name, node, needs in steps:
            if name not in outputs:
                outputs[name] = node(*(outputs.get(need, need) for need in needs))
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e
    return dict(outputs[target] for target in run_targets)


# What install() replaces: (owner, attribute), checked by rasa_fixes before anything is replaced
REPLACED = (
    (RemoteAction, "_validate_action_result"),
    (Event, "resolve_by_type"),
    (DaskGraphRunner, "run"),
)


def install() -> None:
    """Make Rasa use the fixes above."""
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_event_type)
    DaskGraphRunner.run = run_in_order
