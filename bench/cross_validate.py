"""5-fold cross-validation of the answer classifier on the training data, for a few settings of C.

Chooses classifier settings without looking at the hold-out set (tests/data/nlu_holdout.yml). The
features come from the trained model's featurizers (models/current.tar.gz, fitted on all of data/,
so the folds share a vocabulary); each fold trains the logistic regression the way
AnswerClassifier does and scores the answers of the held-out fold. Prints accuracy, the number of
answers below 90% and the weakest answers per setting.
Usage: PYTHONPATH=. python bench/cross_validate.py [--model PATH] [--c 1 10 100]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from rasa.core.channels.channel import UserMessage
from rasa.engine.constants import PLACEHOLDER_MESSAGE
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.constants import INTENT, TEXT
from sklearn.model_selection import StratifiedKFold

from nlu.answer_classifier import (
    AnswerClassifier,
    answer_label,
    sentence_feature_matrix,
)
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


def project_settings() -> dict[str, Any]:
    """AnswerClassifier's settings in config.yml, over its defaults."""
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    entry = next(e for e in pipeline if e["name"].endswith(AnswerClassifier.__name__))
    settings = {key: value for key, value in entry.items() if key != "name"}
    return {**AnswerClassifier.get_default_config(), **settings}


def cross_validated_predictions(features: Any, labels: np.ndarray, c: float) -> np.ndarray:
    """Each example's answer from a classifier trained on the other folds."""
    predictions = np.empty(len(labels), dtype=object)
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(features, labels):
        classifier = AnswerClassifier({**project_settings(), "C": c}, "cv", None, None).clf
        predictions[test] = classifier.fit(features[train], labels[train]).predict(features[test])
    return predictions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--c", type=float, nargs="+", default=[1.0, project_settings()["C"], 100.0])
    args = parser.parse_args()
    features, labels = featurised_training_data(args.model)
    print(f"{len(labels)} training examples, {len(set(labels))} answers, {FOLDS} folds\n")
    print("| C | accuracy | answers < 90% | weakest answers | seconds |")
    print("|---:|---:|---:|---|---:|")
    for c in args.c:
        start = time.perf_counter()
        predictions = cross_validated_predictions(features, labels, c)
        recall = {
            label: float(np.mean(predictions[labels == label] == label)) for label in set(labels)
        }
        weakest = ", ".join(
            f"{label} {value:.0%}"
            for label, value in sorted(recall.items(), key=lambda x: x[1])[:3]
        )
        print(
            f"| {c:g} | {np.mean(predictions == labels):.1%} | "
            f"{sum(value < 0.9 for value in recall.values())} | {weakest} | "
            f"{time.perf_counter() - start:.0f} |"
        )
    print(
        f"\ncommand: PYTHONPATH=. {sys.executable} bench/cross_validate.py {' '.join(sys.argv[1:])}"
    )


if __name__ == "__main__":
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    main()
