"""One classifier picks the answer: intents and retrieval answers (`faq/causes`) as flat labels.

Rasa's usual split is an intent classifier plus one ResponseSelector (a TensorFlow model) per
retrieval intent. Here one logistic regression over the same sparse features learns the answer
labels directly: one sub-millisecond scikit-learn prediction per message instead of three models,
and the intent and the answer can no longer disagree. Its output is what Rasa reads from both:
`intent` and `intent_ranking` (a retrieval intent's confidence is the sum over its answers) and
`response_selector[<retrieval intent>]` (the answer, its confidence given the intent, a ranking).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    FEATURE_TYPE_SENTENCE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.nlu.training_data.util import intent_response_key_to_template_key
from rasa.utils.tensorflow.constants import RANKING_LENGTH
from scipy.sparse import coo_matrix, csr_matrix

from nlu.answer_labels import RETRIEVAL_SEPARATOR
from nlu.saved_pipeline import column_major

TINY = np.finfo(float).tiny  # divides by an intent confidence that may round to 0


def answer_label(example: Message) -> str:
    """`faq/causes` for a retrieval example, else its intent."""
    return example.get(INTENT_RESPONSE_KEY) or example.get(INTENT)


def sentence_feature_matrix(messages: list[Message]) -> csr_matrix:
    """One row per message: its sentence-level TEXT features from every featurizer, side by side.

    Built in one go from the features' non-zero entries. Rasa's own classifier asks each message
    for its combined sparse and dense features, which also combines the sequence features it then
    drops and stacks matrices pair by pair: most of its prediction time for one short message.
    """
    rows: list[np.ndarray] = []
    columns: list[np.ndarray] = []
    values: list[np.ndarray] = []
    width = 0
    for row, message in enumerate(messages):
        offset = 0
        for feature in sentence_features(message):
            entries = coo_matrix(feature.features)
            rows.append(np.full(entries.nnz, row))
            columns.append(entries.col + offset)
            values.append(entries.data)
            offset += entries.shape[1]
        width = max(width, offset)
    if not values:
        return csr_matrix((len(messages), width))
    entries = (np.concatenate(values), (np.concatenate(rows), np.concatenate(columns)))
    return coo_matrix(entries, shape=(len(messages), width)).tocsr()


def sentence_features(message: Message) -> list[Features]:
    """The message's sentence-level TEXT features; none when it has no tokens (empty text)."""
    return [
        feature
        for feature in message.features
        if feature.attribute == TEXT and feature.type == FEATURE_TYPE_SENTENCE
    ]


def ranked(scores: dict[str, float], limit: int) -> list[tuple[str, float]]:
    """(label, score) pairs, best first, at most `limit` of them (all when `limit` <= 0)."""
    pairs = sorted(scores.items(), key=lambda pair: -pair[1])
    return pairs[:limit] if limit > 0 else pairs


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class AnswerClassifier(LogisticRegressionClassifier):
    """Logistic regression over answer labels; sets the intent and the response selection."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # `C`: inverse regularisation strength (Rasa's own classifier fixes it at 1).
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(
        self, config: dict[str, Any], name: str, model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=float(self.config["C"]))

    def _create_training_matrix(self, training_data: TrainingData) -> tuple[csr_matrix, list[str]]:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        return sentence_feature_matrix(examples), [answer_label(e) for e in examples]

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> AnswerClassifier:
        component = super().load(*args, **kwargs)
        column_major(component.clf)
        return component

    def process(self, messages: list[Message]) -> list[Message]:
        if not hasattr(self.clf, "classes_"):
            return messages
        featurised = []
        for message in messages:
            if sentence_features(message):
                featurised.append(message)
                continue
            # No tokens, nothing to classify (the input guard answers empty messages); the
            # FallbackClassifier after this needs a prediction, so it gets an empty one.
            no_intent = {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}
            message.set(INTENT, no_intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        if featurised:
            probabilities = self.clf.predict_proba(sentence_feature_matrix(featurised))
            for message, row in zip(featurised, probabilities, strict=True):
                answers = dict(zip(self.clf.classes_, row.tolist(), strict=True))
                set_answer_outputs(message, answers, self.config[RANKING_LENGTH])
        return messages


def retrieval_intents(labels: list[str]) -> list[str]:
    """The retrieval intents among answer labels, e.g. ["advice", "faq"]."""
    return sorted(
        {label.split(RETRIEVAL_SEPARATOR)[0] for label in labels if RETRIEVAL_SEPARATOR in label}
    )


def set_answer_outputs(message: Message, answers: dict[str, float], limit: int) -> None:
    """What Rasa reads from an intent classifier and a response selector, from the probability
    of every answer label: `intent`, `intent_ranking` and `response_selector`."""
    intents: dict[str, float] = defaultdict(float)
    for label, probability in answers.items():
        intents[label.split(RETRIEVAL_SEPARATOR)[0]] += probability
    intent_ranking = [
        {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
        for name, confidence in ranked(intents, limit)
    ]
    message.set(INTENT, intent_ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, intent_ranking, add_to_output=True)

    retrieval = retrieval_intents(list(answers))
    selections: dict[str, Any] = {RESPONSE_SELECTOR_RETRIEVAL_INTENTS: retrieval}
    for retrieval_intent in retrieval:
        prefix = retrieval_intent + RETRIEVAL_SEPARATOR
        given_intent = {
            label: probability / max(intents[retrieval_intent], TINY)
            for label, probability in answers.items()
            if label.startswith(prefix)
        }
        ranking = ranked(given_intent, limit)
        best, confidence = ranking[0]
        selections[retrieval_intent] = {
            RESPONSE_SELECTOR_PREDICTION_KEY: {
                PREDICTED_CONFIDENCE_KEY: confidence,
                INTENT_RESPONSE_KEY: best,
                RESPONSE_SELECTOR_UTTER_ACTION_KEY: intent_response_key_to_template_key(best),
            },
            RESPONSE_SELECTOR_RANKING_KEY: [
                {PREDICTED_CONFIDENCE_KEY: score, INTENT_RESPONSE_KEY: label}
                for label, score in ranking
            ],
        }
    message.set(RESPONSE_SELECTOR_PROPERTY_NAME, selections, add_to_output=True)
