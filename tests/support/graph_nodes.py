"""A small Rasa graph for the graph-runner tests: nodes that record the path their input took."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import GraphComponent, GraphSchema, SchemaNode


class Append(GraphComponent):
    """A graph node that appends its name to the lists it is given."""

    def __init__(self, name: str) -> None:
        self.name = name

    @classmethod
    def create(
        cls, config: dict, model_storage: Any, resource: Any, execution_context: Any
    ) -> Append:
        return cls(execution_context.node_name)

    def run(self, **parts: list[str]) -> list[str]:
        if "boom" in parts.get("first", []):
            raise ValueError("boom")
        return [*sorted(item for part in parts.values() for item in part), self.name]


def node(**needs: str) -> SchemaNode:
    return SchemaNode(needs=needs, uses=Append, constructor_name="create", fn="run", config={})


GRAPH = GraphSchema(
    {
        "a": node(first="__input__"),
        "b": node(first="a"),
        "c": node(first="a", second="b"),
        "unused": node(first="__input__"),
    }
)
