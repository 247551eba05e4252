"""What Rasa reads from an intent classifier and a response selector, set from one probability
per answer label: an intent, or for a retrieval intent its answer (`faq/causes`).

Rasa's usual split is an intent classifier plus one ResponseSelector (a TensorFlow model) per
retrieval intent. Here one model (nlu/follow_up.py) learns the answer labels directly, so the
intent and the answer can never disagree; these functions turn its probabilities into `intent`,
`intent_ranking` (a retrieval intent's confidence is the sum over its answers) and
`response_selector[<retrieval intent>]` (the answer, its confidence given the intent, a ranking).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.util import intent_response_key_to_template_key

from nlu.answer_labels import RETRIEVAL_SEPARATOR

TINY = np.finfo(float).tiny  # divides by an intent confidence that may round to 0


def answer_label(example: Message) -> str:
    """`faq/causes` for a retrieval example, else its intent."""
    return example.get(INTENT_RESPONSE_KEY) or example.get(INTENT)


def ranked(scores: dict[str, float], limit: int) -> list[tuple[str, float]]:
    """(label, score) pairs, best first, at most `limit` of them (all when `limit` <= 0)."""
    pairs = sorted(scores.items(), key=lambda pair: -pair[1])
    return pairs[:limit] if limit > 0 else pairs


def retrieval_intents(labels: list[str]) -> list[str]:
    """The retrieval intents among answer labels, e.g. ["advice", "faq"]."""
    return sorted(
        {label.split(RETRIEVAL_SEPARATOR)[0] for label in labels if RETRIEVAL_SEPARATOR in label}
    )


def set_no_answer(message: Message) -> None:
    """An empty prediction, for a message with nothing to read: the FallbackClassifier after the
    classifier needs one, and the input guard then answers it."""
    message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [], add_to_output=True)


def set_answer_outputs(message: Message, answers: dict[str, float], limit: int) -> None:
    """`intent`, `intent_ranking` and `response_selector` from the probability of every answer
    label, each ranking at most `limit` long."""
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
