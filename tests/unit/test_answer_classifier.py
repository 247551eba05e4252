"""The answer classifier (intent + response selection in one model) and its feature matrix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import (
    FEATURE_TYPE_SENTENCE,
    FEATURE_TYPE_SEQUENCE,
    INTENT,
    INTENT_RESPONSE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix

from nlu.answer_classifier import AnswerClassifier, sentence_feature_matrix

# Four one-hot "words"; each label is trained on its own word.
LABELS = {
    0: ("greet", None),
    1: ("faq", "faq/causes"),
    2: ("faq", "faq/symptoms"),
    3: ("advice", "advice/dose"),
}


def featurised(word: int, text: str = "x", **data: str) -> Message:
    """A message: one-hot `word` as sentence features, plus an unrelated sequence matrix."""
    message = Message(data={TEXT: text, **data})
    one_hot = csr_matrix(np.eye(4)[word : word + 1])
    message.add_features(Features(one_hot, FEATURE_TYPE_SENTENCE, TEXT, "words"))
    message.add_features(
        Features(csr_matrix(np.ones((3, 2))), FEATURE_TYPE_SEQUENCE, TEXT, "words")
    )
    return message


def trained(tmp_path: Path, ranking_length: int = 10) -> AnswerClassifier:
    storage = LocalModelStorage(tmp_path)
    config = {"C": 10.0, "ranking_length": ranking_length}
    classifier = AnswerClassifier(config, "answer", storage, Resource("answer"))
    examples = []
    for word, (intent, key) in LABELS.items():
        data = {INTENT: intent, **({INTENT_RESPONSE_KEY: key} if key else {})}
        examples += [featurised(word, f"example {word} {n}", **data) for n in range(5)]
    classifier.train(TrainingData(examples))
    return classifier


def test_matrix_puts_each_featurizers_sentence_features_side_by_side() -> None:
    messages = [featurised(2), featurised(0)]
    for message, dense in zip(messages, ([0.5, 0.0, 7.0], [0.0, 2.0, 0.0]), strict=True):
        message.add_features(Features(np.array([dense]), FEATURE_TYPE_SENTENCE, TEXT, "dense"))
    matrix = sentence_feature_matrix(messages)
    # the sequence features (3 x 2) are left out
    assert matrix.toarray().tolist() == [[0, 0, 1, 0, 0.5, 0, 7], [1, 0, 0, 0, 0, 2, 0]]


def test_retrieval_answer_sets_intent_and_the_selection_rasa_reads(tmp_path: Path) -> None:
    message = trained(tmp_path).process([featurised(2)])[0]
    intent = message.get(INTENT)
    assert intent["name"] == "faq"
    selection = message.get("response_selector")
    assert selection["all_retrieval_intents"] == ["advice", "faq"]
    response = selection["faq"]["response"]
    assert response["intent_response_key"] == "faq/symptoms"
    assert response["utter_action"] == "utter_faq/symptoms"
    ranking = selection["faq"]["ranking"]
    assert [r["intent_response_key"] for r in ranking] == ["faq/symptoms", "faq/causes"]
    # The answer's confidence is given the intent, so the faq answers' confidences add up to 1.
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)
    assert response["confidence"] > 0.5


def test_retrieval_intent_confidence_is_the_sum_over_its_answers(tmp_path: Path) -> None:
    classifier = trained(tmp_path)
    message = classifier.process([featurised(1)])[0]
    row = classifier.clf.predict_proba(csr_matrix(np.eye(4)[1:2]))[0]
    probabilities = dict(zip(classifier.clf.classes_, row, strict=True))
    faq = next(r for r in message.get("intent_ranking") if r["name"] == "faq")
    assert faq["confidence"] == pytest.approx(
        probabilities["faq/causes"] + probabilities["faq/symptoms"]
    )
    assert sum(r["confidence"] for r in message.get("intent_ranking")) == pytest.approx(1.0)


def test_plain_intent_and_ranking_length(tmp_path: Path) -> None:
    message = trained(tmp_path, ranking_length=2).process([featurised(0)])[0]
    assert message.get(INTENT)["name"] == "greet"
    assert len(message.get("intent_ranking")) == 2
    assert len(message.get("response_selector")["faq"]["ranking"]) == 2


def test_untrained_classifier_leaves_messages_alone(tmp_path: Path) -> None:
    classifier = AnswerClassifier({}, "answer", LocalModelStorage(tmp_path), Resource("answer"))
    message = classifier.process([featurised(0)])[0]
    assert message.get(INTENT) is None


def test_message_without_tokens_gets_an_empty_prediction(tmp_path: Path) -> None:
    """An empty message has no features: no crash, and the fallback/guard after it decide."""
    empty, question = Message(data={TEXT: ""}), featurised(1)
    trained(tmp_path).process([empty, question])
    assert empty.get(INTENT) == {"name": None, "confidence": 0.0}
    assert empty.get("intent_ranking") == []
    assert question.get(INTENT)["name"] == "faq"
