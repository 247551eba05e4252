"""Which part of an answer a message asks about, when the lookup tables find no name for it.

"Is the cold thing really needed?" after the aftercare answer, "the one at the back, what does it
do?" after the injection sites, "and the op?" after the alternatives: the answer is right, but the
PartNameExtractor knows only the names in data/nlu/entities.yml, so the action would send the
whole overview. This component reads such a message with a small model per answer (character
n-grams for typos, words and word pairs), trained on the follow-ups whose `focus` column names the
part (data/follow_ups/*.tsv) and on those that name none, and adds the part as the entity the
action reads, but only when the model is sure (`threshold`, chosen with bench/sub_options_cv.py:
a general question must keep the overview). It also reads the part the previous answer was about,
when the bot had sent one part alone: "how long for?" after the heat is about the heat, "what
about the opposite then?" asks for the ice.

It runs after the EntitySynonymMapper, on the answer the classifiers chose; a part the lookup
tables found is never replaced.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from nlu.answer_labels import PART_ENTITIES, split_context
from nlu.follow_up import (
    OPENING,
    TRAINING_SETS,
    FollowUp,
    previous_context,
    read_follow_ups,
    sets_fingerprint,
)
from nlu.model_input import WORD, char_ngrams, input_parts, message_text, model_input
from nlu.saved_pipeline import SavedPipelineComponent
from settings import PROJECT_ROOT

WHOLE = "-"  # the model's label for a message about the answer as a whole
THRESHOLD = "threshold"

Models = dict[str, Pipeline]  # answer -> its model


def part_before(document: str) -> list[str]:
    """The part the previous answer was about, alone and paired with each word ("how long for?"
    after the heat is about the heat), or one marker when it was not one part."""
    context, text = input_parts(document)
    part = split_context(context)[1]
    if part is None:
        return ["after=-"]
    return [f"after={part}", *(f"{part}|{word}" for word in WORD.findall(text.lower()))]


def build_model(regularisation: float) -> Pipeline:
    """Character n-grams (typos) next to words and word pairs of the message, and the part the
    previous answer was about."""
    features = make_union(
        char_ngrams(),
        TfidfVectorizer(preprocessor=message_text, ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer=part_before),
    )
    return make_pipeline(features, LogisticRegression(C=regularisation, max_iter=3000))


def train_models(follow_ups: list[FollowUp], regularisation: float) -> Models:
    """One model per answer with parts, on the follow-ups that need that answer."""
    models: Models = {}
    for answer in PART_ENTITIES:
        rows = [f for f in follow_ups if f.label == answer]
        labels = [f.focus or WHOLE for f in rows]
        if len(set(labels)) > 1:
            inputs = [model_input(f.previous, f.text) for f in rows]
            models[answer] = build_model(regularisation).fit(inputs, labels)
    return models


def predict_part(
    models: Models, answer: str, previous: str, text: str, threshold: float
) -> str | None:
    """The part of `answer` that `text`, sent after the `previous` answer (or one part of it),
    asks about, if the model is at least `threshold` sure."""
    model = models.get(answer)
    if model is None:
        return None
    probabilities = model.predict_proba([model_input(previous, text)])[0]
    best = int(probabilities.argmax())
    part = str(model.classes_[best])
    return part if part != WHOLE and probabilities[best] >= threshold else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class SubOptionClassifier(SavedPipelineComponent, EntityExtractorMixin):
    """Adds the part of the answer a message asks about when no lookup table named it; place it
    after the EntitySynonymMapper. Without trained models it adds nothing."""

    model_file = "sub_option_models.joblib"
    code_modules = ("nlu.model_input", "nlu.answer_labels")  # the features
    TRAINS_ON_TEXT = True  # its features come from the text: it trains beside spaCy's pass

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Where the follow-ups are, and the settings (bench/sub_options_cv.py)."""
        return {TRAINING_SETS: "data/follow_ups", "C": 30.0, THRESHOLD: 0.4}

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The code, and the follow-up files read from disk (not given by the graph): a change
        to either retrains."""
        root = PROJECT_ROOT / {**cls.get_default_config(), **config}[TRAINING_SETS]
        return sets_fingerprint(root) + super().fingerprint_addon(config)

    def train(self, training_data: TrainingData) -> Resource:
        """Fits one model per answer with parts on the follow-ups."""
        follow_ups = read_follow_ups(PROJECT_ROOT / self.component_config[TRAINING_SETS])
        return self.save(train_models(follow_ups, float(self.component_config["C"])))

    def process(
        self, messages: list[Message], tracker: DialogueStateTracker | None = None
    ) -> list[Message]:
        """Adds the part as an entity where the answer has parts and none was named."""
        if not self._model:
            return messages
        previous = previous_context(tracker) or OPENING
        for message in messages:
            answer = (message.get(INTENT) or {}).get("name")
            entity = PART_ENTITIES.get(str(answer))
            entities = message.get(ENTITIES) or []
            if entity is None or any(e.get("entity") == entity for e in entities):
                continue
            text = str(message.get(TEXT) or "")
            part = predict_part(
                self._model, str(answer), previous, text, float(self.component_config[THRESHOLD])
            )
            if part is not None:
                found = {"entity": entity, "value": part, "start": 0, "end": len(text)}
                message.set(ENTITIES, [*entities, self.add_extractor_name([found])[0]])
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data: it passes through unchanged."""
        return training_data
