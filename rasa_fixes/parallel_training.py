"""Training runs the graph's independent nodes side by side, one thread per core.

Rasa trains its graph one node after another (`dask.get`, the synchronous scheduler). This bot's
answer, red-flag and part-of-answer models do not need each other, nor spaCy's pass over the
data: they read only the cleaned text (`early_training`). So on two cores the answer model, the
longest, trains beside the others, each a little slower than alone (their sparse products share
the memory bandwidth). Each node still gets exactly its
parents' outputs, so the trained model is the same; only the order in which independent nodes
finish changes. Predicting a message is untouched (it runs through `speedups.run_in_order`).
"""

from __future__ import annotations

import os
from typing import Any

import dask.threaded
import rasa.model_training
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


def worker_count() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ParallelTrainingRunner(DaskGraphRunner):
    """Rasa's graph runner with dask's threaded scheduler in place of its synchronous one."""

    def run(
        self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
    ) -> dict[str, Any]:
        """The targets' outputs, by node name (as `DaskGraphRunner.run`)."""
        run_targets = targets if targets else self._graph_schema.target_names
        run_graph = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
        self._add_inputs_to_graph(inputs, run_graph)
        try:
            return dict(dask.threaded.get(run_graph, run_targets, num_workers=worker_count()))
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e


# What install() replaces: (owner, attribute), checked by rasa_fixes before anything is replaced
REPLACED = ((rasa.model_training, "DaskGraphRunner"),)


def install() -> None:
    """Make `rasa train` use the runner above."""
    rasa.model_training.DaskGraphRunner = ParallelTrainingRunner
