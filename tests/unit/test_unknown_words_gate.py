"""The unknown-words gate: only unseen words, weakly classified, go to the fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.unknown_words_gate import UnknownWordsGate, words


def tokenised(text: str, intent: tuple[str, float] | None = None) -> Message:
    """A message split on spaces, each token's lemma its lower-case text minus a trailing 's'."""
    message = Message(data={TEXT: text})
    tokens, start = [], 0
    for word in text.split():
        tokens.append(Token(word, start, lemma=word.lower().removesuffix("s")))
        start += len(word) + 1
    message.set(TOKENS_NAMES[TEXT], tokens)
    if intent:
        message.set(INTENT, {"name": intent[0], "confidence": intent[1]})
    return message


@pytest.fixture
def gate(tmp_path: Path) -> UnknownWordsGate:
    """A gate trained on two examples, saved and loaded again as Rasa would."""
    storage, resource = LocalModelStorage(tmp_path), Resource("gate")
    config = UnknownWordsGate.get_default_config()
    context = ExecutionContext(graph_schema=None, model_id="m")
    trainer = UnknownWordsGate.create(config, storage, resource, context)
    trainer.train(TrainingData([tokenised("What are the side effects?"), tokenised("hello")]))
    return UnknownWordsGate.load(config, storage, resource, context)


def test_words_are_lemmas_with_a_letter_or_digit() -> None:
    assert words(tokenised("Side effects ?? 12")) == {"side", "effect", "12"}


@pytest.mark.parametrize("intent", [("affirm", 0.58), ("out_of_scope", 0.3)])
def test_only_unknown_words_and_a_weak_intent_fall_back(
    gate: UnknownWordsGate, intent: tuple[str, float]
) -> None:
    message = gate.process([tokenised("asdkj qwpoe zzz", intent)])[0]
    assert message.get(INTENT) == {"name": "nlu_fallback", "confidence": 0.3}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("heyyy", ("greet", 0.97)),  # unknown, but recognised with conviction
        ("side effect zzz", ("ask_side_effects", 0.5)),  # one known word (an inflection)
        ("zzz", ("nlu_fallback", 0.3)),  # already the fallback
        ("", ("greet", 0.1)),  # no words: the input guard's business
    ],
)
def test_other_messages_keep_their_intent(
    gate: UnknownWordsGate, text: str, intent: tuple[str, float]
) -> None:
    message = gate.process([tokenised(text, intent)])[0]
    assert message.get(INTENT) == {"name": intent[0], "confidence": intent[1]}
