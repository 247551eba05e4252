"""Training starts the models that read only the examples' text and labels before tokenizing.

Rasa's recipe hands each trainable pipeline component the training data as the last tokenizer or
featurizer left it, so every classifier waits for spaCy's pass over the data and the training
cache's fingerprints of its tokens. The answer classifier, the red-flag detector and the
part-of-answer model build their own features from the text; for them that wait buys nothing. A
component class that sets `TRAINS_ON_TEXT = True` gets the training data as the pipeline's first
step leaves it (the input normaliser, which cleans the text as it cleans live messages): the same
text and labels, so the same model, and with `parallel_training` it trains beside that pass.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import SchemaNode
from rasa.engine.recipes.default_recipe import DefaultV1Recipe

TRAINING_DATA_PROVIDER = "nlu_training_data_provider"  # Rasa's node that reads the NLU data
_add_nlu_train_node = DefaultV1Recipe._add_nlu_train_node


def first_step_output(train_nodes: dict[str, SchemaNode]) -> str:
    """The node whose output is the training data after the pipeline's first step (the provider's
    own, when no step processes training data)."""
    return next(
        (
            name
            for name, node in train_nodes.items()
            if node.fn == "process_training_data"
            and node.needs.get("training_data") == TRAINING_DATA_PROVIDER
        ),
        TRAINING_DATA_PROVIDER,
    )


def add_nlu_train_node(
    recipe: DefaultV1Recipe,
    train_nodes: dict[str, SchemaNode],
    component: type,
    component_name: str,
    last_run_node: str,
    config: dict[str, Any],
    cli_parameters: dict[str, Any],
) -> str:
    """Rasa's train node, reading the first step's output for a component that trains on text."""
    if getattr(component, "TRAINS_ON_TEXT", False):
        last_run_node = first_step_output(train_nodes)
    return _add_nlu_train_node(
        recipe, train_nodes, component, component_name, last_run_node, config, cli_parameters
    )


def install() -> None:
    """Make the recipe build train nodes as above."""
    DefaultV1Recipe._add_nlu_train_node = add_nlu_train_node


# What install() replaces: (owner, attribute), checked by rasa_fixes before anything is replaced
REPLACED = ((DefaultV1Recipe, "_add_nlu_train_node"),)
