"""5-fold cross-validation of the answer classifier on the training data, for a few settings of C.

Chooses classifier settings without looking at the hold-out set (tests/data/nlu_holdout.yml). The
features come from the trained model's featurizers (models/current.tar.gz, fitted on all of data/,
so the folds share a vocabulary); each fold trains the logistic regression the way
AnswerClassifier does and scores the answers of the held-out fold. Prints accuracy, the number of
answers below 90% and the weakest answers per setting. With --gates, also what the pipeline's
FallbackClassifier and AnswerConfidenceGate make of those predictions at each setting given
(--fallback, --answer-threshold, --margin; config.yml's where none is given): answered right,
answered wrong, or "Did you mean" with or without the right answer among its two buttons. The
other gates (unknown words, social replies) are not simulated.
Usage: PYTHONPATH=. python bench/cross_validate.py [--model PATH] [--c 1 10 100] [--gates ...]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from rasa.core.channels.channel import UserMessage
from rasa.engine.constants import PLACEHOLDER_MESSAGE
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.nlu.constants import RESPONSE_SELECTOR_PREDICTION_KEY, RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import RANKING_LENGTH
from sklearn.model_selection import StratifiedKFold

from actions.suggestions import MAX_SUGGESTIONS, TOPIC_RESPONSE_PREFIX, candidate_labels
from nlu.answer_classifier import (
    AnswerClassifier,
    answer_label,
    sentence_feature_matrix,
    set_answer_outputs,
)
from nlu.answer_gate import AnswerConfidenceGate
from nlu.answer_labels import RETRIEVAL_SEPARATOR
from tests.support.agent import load_agent
from tests.support.servers import MODEL, PROJECT_ROOT

FOLDS = 5


def featurised_training_data(model: Path) -> tuple[Any, np.ndarray]:
    """Feature matrix and answer labels of every training example, from the model's featurizers."""
    agent = load_agent(model)
    runner = agent.processor.graph_runner
    classifier_node = next(
        name for name, node in runner._graph_schema.nodes.items() if node.uses is AnswerClassifier
    )
    featurizer_node = runner._graph_schema.nodes[classifier_node].needs["messages"]
    importer = TrainingDataImporter.load_from_config(
        str(PROJECT_ROOT / "config.yml"),
        str(PROJECT_ROOT / "domain.yml"),
        [str(PROJECT_ROOT / "data")],
    )
    examples = [e for e in importer.get_nlu_data().intent_examples if e.get(INTENT) and e.get(TEXT)]
    messages = [UserMessage(example.get(TEXT)) for example in examples]
    featurised = runner.run({PLACEHOLDER_MESSAGE: messages}, [featurizer_node])[featurizer_node]
    return sentence_feature_matrix(featurised), np.array([answer_label(e) for e in examples])


def project_settings(component: type) -> dict[str, Any]:
    """A pipeline component's settings in config.yml, over its defaults."""
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    entry = next(e for e in pipeline if e["name"].split(".")[-1] == component.__name__)
    settings = {key: value for key, value in entry.items() if key != "name"}
    return {**component.get_default_config(), **settings}


def cross_validated_probabilities(
    features: Any, labels: np.ndarray, c: float
) -> tuple[np.ndarray, np.ndarray]:
    """Each example's probability of every answer (columns: the sorted answers), from a classifier
    trained on the other folds."""
    classes = np.unique(labels)
    probabilities = np.zeros((len(labels), len(classes)))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(features, labels):
        settings = {**project_settings(AnswerClassifier), "C": c}
        classifier = AnswerClassifier(settings, "cv", None, None).clf
        classifier.fit(features[train], labels[train])
        columns = np.searchsorted(classes, classifier.classes_)
        probabilities[np.ix_(test, columns)] = classifier.predict_proba(features[test])
    return probabilities, classes


def pipeline_answer(message: Message) -> str:
    """The answer the pipeline gives: the intent, or for a retrieval intent its selected answer."""
    intent = message.get(INTENT)[INTENT_NAME_KEY]
    selection = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(intent)
    if selection is None:
        return intent
    return selection[RESPONSE_SELECTOR_PREDICTION_KEY][INTENT_RESPONSE_KEY]


def topic_labels() -> set[str]:
    """The answers a "Did you mean" button can offer (domain responses utter_topic_<label>)."""
    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"]
    prefix = TOPIC_RESPONSE_PREFIX
    return {key.removeprefix(prefix) for key in responses if key.startswith(prefix)}


def gated_messages(
    probabilities: np.ndarray, classes: np.ndarray, gates: tuple[float, float, float]
) -> list[Message]:
    """Each example's parse after the pipeline's own fallback and answer gates, at `gates` =
    (fallback threshold, answer threshold, answer margin)."""
    fallback, threshold, margin = gates
    fallback_config = {**project_settings(FallbackClassifier), "threshold": fallback}
    answer_gate = AnswerConfidenceGate({"threshold": threshold, "margin": margin})
    limit = project_settings(AnswerClassifier)[RANKING_LENGTH]
    messages = []
    for row in probabilities:
        message = Message(data={TEXT: ""})
        set_answer_outputs(message, dict(zip(classes, row.tolist(), strict=True)), limit)
        messages.append(message)
    return answer_gate.process(FallbackClassifier(fallback_config).process(messages))


def gate_outcomes(
    messages: list[Message], labels: np.ndarray, topics: set[str]
) -> dict[str, float]:
    """Shares of examples answered right, answered wrong, and asked "Did you mean" with or without
    the right answer among its buttons (`topics`: the answers a button can offer)."""
    counts = dict.fromkeys(("right", "wrong", "asked, right offered", "asked, not offered"), 0)
    for message, label in zip(messages, labels, strict=True):
        answer = pipeline_answer(message)
        if answer != DEFAULT_NLU_FALLBACK_INTENT_NAME:
            counts["right" if answer == label else "wrong"] += 1
            continue
        parse = {
            "intent_ranking": message.get(INTENT_RANKING_KEY),
            "response_selector": message.get(RESPONSE_SELECTOR_PROPERTY_NAME),
        }
        offered = [topic for topic in candidate_labels(parse) if topic in topics][:MAX_SUGGESTIONS]
        right_offered = label.replace(RETRIEVAL_SEPARATOR, "_") in offered
        counts["asked, right offered" if right_offered else "asked, not offered"] += 1
    return {key: value / len(labels) for key, value in counts.items()}


def print_gate_table(
    probabilities: np.ndarray,
    classes: np.ndarray,
    labels: np.ndarray,
    grid: list[tuple[float, float, float]],
) -> None:
    """One row per gate setting: what a patient gets, as shares of all examples."""
    header = "| fallback | answer threshold | margin | right | wrong | asked, right offered "
    print(f"\n{header}| asked, not offered |\n|---:|---:|---:|---:|---:|---:|---:|")
    topics = topic_labels()
    for gates in grid:
        shares = gate_outcomes(gated_messages(probabilities, classes, gates), labels, topics)
        cells = " | ".join(f"{value:.1%}" for value in shares.values())
        print(f"| {gates[0]:g} | {gates[1]:g} | {gates[2]:g} | {cells} |")


def gate_grid(args: argparse.Namespace) -> list[tuple[float, float, float]]:
    """The gate settings to try: the options given, config.yml's for the others."""
    fallback = project_settings(FallbackClassifier)["threshold"]
    answer_gate = project_settings(AnswerConfidenceGate)
    return list(
        product(
            args.fallback or [fallback],
            args.answer_threshold or [answer_gate["threshold"]],
            args.margin or [answer_gate["margin"]],
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    default_c = project_settings(AnswerClassifier)["C"]
    parser.add_argument("--c", type=float, nargs="+", default=[1.0, default_c, 100.0])
    parser.add_argument("--gates", action="store_true", help="also sweep the gates, per C")
    parser.add_argument("--fallback", type=float, nargs="+", help="FallbackClassifier thresholds")
    parser.add_argument(
        "--answer-threshold", type=float, nargs="+", help="AnswerConfidenceGate thresholds"
    )
    parser.add_argument("--margin", type=float, nargs="+", help="AnswerConfidenceGate margins")
    args = parser.parse_args()
    features, labels = featurised_training_data(args.model)
    print(f"{len(labels)} training examples, {len(set(labels))} answers, {FOLDS} folds\n")
    for c in args.c:
        start = time.perf_counter()
        probabilities, classes = cross_validated_probabilities(features, labels, c)
        predictions = classes[probabilities.argmax(axis=1)]
        recall = {
            label: float(np.mean(predictions[labels == label] == label)) for label in set(labels)
        }
        weakest = ", ".join(
            f"{label} {value:.0%}"
            for label, value in sorted(recall.items(), key=lambda x: x[1])[:3]
        )
        print("| C | accuracy | answers < 90% | weakest answers | seconds |")
        print("|---:|---:|---:|---|---:|")
        print(
            f"| {c:g} | {np.mean(predictions == labels):.1%} | "
            f"{sum(value < 0.9 for value in recall.values())} | {weakest} | "
            f"{time.perf_counter() - start:.0f} |"
        )
        if args.gates:
            print_gate_table(probabilities, classes, labels, gate_grid(args))
        print()
    arguments = " ".join(sys.argv[1:])
    print(f"command: PYTHONPATH=. {sys.executable} bench/cross_validate.py {arguments}")


if __name__ == "__main__":
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    main()
