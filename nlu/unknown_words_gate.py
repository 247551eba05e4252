"""Messages made only of words the training data never used, classified without conviction,
go to the fallback.

The classifier always picks some answer, and on keyboard mash ("asdkj qwpoe", "zzz") it leans to a
short-message intent such as `affirm`, at 0.3 to 0.6: above the FallbackClassifier's threshold.
Misspelt or unseen variants of real words ("heyyy", "mornin") it recognises from their letters,
with high confidence. This component learns the words (lemmas) of the training examples and,
placed after the FallbackClassifier, turns a message with no known word whose intent confidence is
below `min_confidence` into `nlu_fallback`, so the bot asks "Did you mean ...?" instead of
answering a guess. Empty messages are left to the input guard.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.io import dump_obj_as_json_to_file, read_json_file

from nlu.intent_override import set_top_intent
from nlu.saved_pipeline import source_fingerprint

VOCABULARY_FILE = "vocabulary.json"


def words(message: Message) -> set[str]:
    """The message's words: lower-case lemmas (spaCy's lookup lemmas) with a letter or digit."""
    tokens: list[Token] = message.get(TOKENS_NAMES[TEXT]) or []
    lemmas = ((token.lemma or token.text).lower() for token in tokens)
    return {lemma for lemma in lemmas if any(char.isalnum() for char in lemma)}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class UnknownWordsGate(GraphComponent):
    """Sends messages without a single known word to the fallback."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # threshold: the confidence given to nlu_fallback (as the FallbackClassifier's);
        # min_confidence: below it, a message of unknown words only is not trusted.
        return {"threshold": 0.3, "min_confidence": 0.8}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: set[str] | None = None,
    ) -> None:
        self.threshold = float(config["threshold"])
        self.min_confidence = float(config["min_confidence"])
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary or set()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnknownWordsGate:
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """This code, which decides what a word is: a change to it retrains."""
        return source_fingerprint(__name__)

    def train(self, training_data: TrainingData) -> Resource:
        self.vocabulary = set().union(*(words(e) for e in training_data.training_examples))
        with self._model_storage.write_to(self._resource) as directory:
            dump_obj_as_json_to_file(directory / VOCABULARY_FILE, sorted(self.vocabulary))
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnknownWordsGate:
        with model_storage.read_from(resource) as directory:
            vocabulary = set(read_json_file(directory / VOCABULARY_FILE))
        return cls(config, model_storage, resource, vocabulary)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self.is_a_guess(message):
                set_top_intent(
                    message,
                    DEFAULT_NLU_FALLBACK_INTENT_NAME,
                    self.threshold,
                    by="unknown words gate",
                )
        return messages

    def is_a_guess(self, message: Message) -> bool:
        """No known word, and the intent (not already the fallback) below `min_confidence`."""
        intent = message.get(INTENT) or {}
        if intent.get(INTENT_NAME_KEY) in (None, DEFAULT_NLU_FALLBACK_INTENT_NAME):
            return False
        if intent.get(PREDICTED_CONFIDENCE_KEY, 0.0) >= self.min_confidence:
            return False
        message_words = words(message)
        return bool(message_words and self.vocabulary and not message_words & self.vocabulary)
