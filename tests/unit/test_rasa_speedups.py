"""The Rasa speed-ups are installed and give Rasa's own results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.engine.exceptions import GraphComponentException, GraphRunError
from rasa.engine.graph import ExecutionContext
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

from rasa_fixes.speedups import (
    RASA_GRAPH_RUN,
    RASA_RESOLVE_BY_TYPE,
    resolve_event_type,
    run_in_order,
    validate_action_result,
)
from tests.support.graph_nodes import GRAPH

VALID = {
    "events": [{"event": "slot", "name": "topic", "value": "side_effects"}],
    "responses": [{"text": "Bruising can happen.", "buttons": [{"title": "t", "payload": "p"}]}],
}


def test_rasa_uses_the_fixes() -> None:
    assert RemoteAction._validate_action_result is validate_action_result
    assert Event.resolve_by_type is resolve_event_type
    assert DaskGraphRunner.run is run_in_order


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


SESSION_START = [
    {"event": "session_started", "timestamp": 1.0},
    {"event": "slot", "name": "clinic_name", "value": "Clinic", "timestamp": None},
    {"event": "action", "name": "action_listen", "policy": None, "confidence": None},
]
USER = {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet"}}}


@pytest.mark.parametrize(
    "events",
    [
        SESSION_START,
        [USER, {"event": "bot", "text": "Hello", "metadata": {"a": 1}}],
        [{"event": "slot", "name": "topic"}],  # no value
        [{"event": "no_such_event"}],
        [{"event": 5}],
        ["not an event"],
        [{**USER, "text": 5}],
        [{**USER, "parse_data": {"intent": "greet"}}],
        [{"event": "action", "name": "x", "hide_rule_turn": "yes"}],
        [{"event": "bot", "timestamp": "now"}],
        [{"event": "slot", "name": "topic", "value": None, "metadata": []}],
    ],
)
def test_every_result_gets_rasas_verdict(events: list[Any]) -> None:
    result = {"events": events, "responses": []}
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())  # Rasa's check
        rasa_accepts = True
    except ValidationError:
        rasa_accepts = False
    if rasa_accepts:
        assert RemoteAction("action_x", None)._validate_action_result(result) is True
    else:
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


def runner(tmp_path: Path) -> DaskGraphRunner:
    return DaskGraphRunner(
        GRAPH, LocalModelStorage(tmp_path), ExecutionContext(GRAPH, "test-model")
    )


@pytest.mark.parametrize("targets", [["c"], ["b", "a"], ["unused", "c"]])
def test_the_graph_runs_as_with_dask(tmp_path: Path, targets: list[str]) -> None:
    graph = runner(tmp_path)
    inputs = {"__input__": ["in"]}
    expected = RASA_GRAPH_RUN(graph, inputs, targets)
    assert graph.run(inputs, targets) == expected
    assert graph.run(inputs, targets) == expected  # the second time, from the kept order


def test_an_input_replaces_the_node_of_its_name(tmp_path: Path) -> None:
    inputs = {"__input__": ["in"], "a": ["given"]}
    assert runner(tmp_path).run(inputs, ["c"]) == RASA_GRAPH_RUN(runner(tmp_path), inputs, ["c"])


def test_graph_errors_are_rasas(tmp_path: Path) -> None:
    with pytest.raises(GraphRunError, match="clashes with a node name"):
        runner(tmp_path).run({"__input__": "a"}, ["c"])
    with pytest.raises(GraphComponentException, match="Error running graph component"):
        runner(tmp_path).run({"__input__": ["boom"]}, ["c"])
