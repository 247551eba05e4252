"""`rasa train` runs independent graph nodes side by side and gets Rasa's own outputs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import rasa.model_training
from rasa.engine.exceptions import GraphComponentException
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

from rasa_fixes.parallel_training import ParallelTrainingRunner
from rasa_fixes.speedups import RASA_GRAPH_RUN
from tests.support.graph_nodes import GRAPH

MEETING = threading.Barrier(2, timeout=10)


class Meet(GraphComponent):
    """A node that waits for another to reach the same point: it finishes only if both run at
    once (one after the other, the first would wait in vain and break the barrier)."""

    @classmethod
    def create(
        cls, config: dict, model_storage: Any, resource: Any, execution_context: Any
    ) -> Meet:
        return cls()

    def run(self, given: str) -> str:
        MEETING.wait()
        return given


def meet(**needs: str) -> SchemaNode:
    return SchemaNode(needs=needs, uses=Meet, constructor_name="create", fn="run", config={})


def parallel(graph: GraphSchema, tmp_path: Path) -> ParallelTrainingRunner:
    return ParallelTrainingRunner(graph, LocalModelStorage(tmp_path), ExecutionContext(graph))


@pytest.mark.parametrize("targets", [["c"], ["b", "a"], ["unused", "c"]])
def test_outputs_are_rasas_own(tmp_path: Path, targets: list[str]) -> None:
    inputs = {"__input__": ["in"]}
    rasas = DaskGraphRunner(GRAPH, LocalModelStorage(tmp_path), ExecutionContext(GRAPH))
    assert parallel(GRAPH, tmp_path).run(inputs, targets) == RASA_GRAPH_RUN(rasas, inputs, targets)


def test_independent_nodes_run_at_the_same_time(tmp_path: Path) -> None:
    graph = GraphSchema({"left": meet(given="__input__"), "right": meet(given="__input__")})
    MEETING.reset()
    outputs = parallel(graph, tmp_path).run({"__input__": "x"}, ["left", "right"])
    assert outputs == {"left": "x", "right": "x"}


def test_a_failing_node_is_rasas_error(tmp_path: Path) -> None:
    with pytest.raises(GraphComponentException, match="Error running graph component"):
        parallel(GRAPH, tmp_path).run({"__input__": ["boom"]}, ["c"])


def test_rasa_train_uses_the_parallel_runner() -> None:
    assert rasa.model_training.DaskGraphRunner is ParallelTrainingRunner
