"""Models that train on the examples' text alone get it from the first pipeline step, so they
train beside spaCy's pass over the data; the others still wait for the tokenizer."""

from __future__ import annotations

import pytest
from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.utils.io import read_config_file

from rasa_fixes.early_training import TRAINING_DATA_PROVIDER, first_step_output
from safety.input_guard import InputNormaliser
from settings import PROJECT_ROOT

NORMALISER_OUTPUT = "run_safety.input_guard.InputNormaliser0"
TOKENIZER_OUTPUT = "run_SpacyTokenizer2"


@pytest.fixture(scope="module")
def train_schema() -> GraphSchema:
    """The training graph `rasa train` builds from this project's config.yml."""
    config = read_config_file(PROJECT_ROOT / "config.yml")
    return DefaultV1Recipe().graph_config_for_recipe(config, {}).train_schema


def training_data_of(schema: GraphSchema, component: str) -> str:
    (name,) = [
        name
        for name in schema.nodes
        if name.startswith("train_") and name.rstrip("0123456789").endswith(component)
    ]
    return schema.nodes[name].needs["training_data"]


@pytest.mark.parametrize(
    ("component", "reads"),
    [
        ("FollowUpClassifier", NORMALISER_OUTPUT),  # the cleaned text, before tokenizing
        ("RedFlagDetector", NORMALISER_OUTPUT),
        ("SubOptionClassifier", NORMALISER_OUTPUT),
        ("UnknownWordsGate", TOKENIZER_OUTPUT),  # lemmas: after the tokenizer
        ("PartNameExtractor", TOKENIZER_OUTPUT),
    ],
)
def test_each_model_reads_the_training_data_it_needs(
    train_schema: GraphSchema, component: str, reads: str
) -> None:
    assert training_data_of(train_schema, component) == reads
    assert train_schema.nodes[NORMALISER_OUTPUT].uses is InputNormaliser


def step(**needs: str) -> SchemaNode:
    """A node that processes training data, as the recipe adds one per tokenizer or featurizer."""
    return SchemaNode(
        needs=needs,
        uses=InputNormaliser,
        constructor_name="create",
        fn="process_training_data",
        config={},
    )


def test_without_a_step_that_processes_training_data_the_raw_data_is_used() -> None:
    assert first_step_output({}) == TRAINING_DATA_PROVIDER
    nodes = {
        "later": step(training_data="first"),
        "first": step(training_data=TRAINING_DATA_PROVIDER),
    }
    assert first_step_output(nodes) == "first"
