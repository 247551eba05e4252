"""The answer classifier: a message read in the light of the answer the bot has just given.

"Is it painful?" after the procedure answer, "what about the pills?" after the alternatives,
"how long do they last?" after the side effects: the words alone do not say which answer they
need. This classifier learns answer labels (an intent, or `faq/causes`) from the message's words
*and* the previous answer (which answer came before, each word and the message's length paired
with it), from two sources:

- follow-ups, `data/follow_ups/*.tsv`: `previous<TAB>label<TAB>focus<TAB>message` lines, the
  message sent right after the `previous` answer and the answer it needs (`focus`, the sub-option
  it names or `-`, trains the SubOptionClassifier, nlu/sub_option.py). When the bot had sent one
  part of an answer alone, `previous` names that part too (`ask_post_care/heat`): "how long
  for?" after the heat is not what it is after the whole aftercare answer;
- every NLU example, paired with previous answers drawn at random, so a new question after an
  answer still gets its own answer (a topic switch), and once as an opening.

A message with no answer before it to lean on (a first message; one after a safety reply, the
fallback or the out-of-scope reply; `/model/parse` and `rasa shell nlu`, which have no tracker)
is read in the context `start` (OPENING), with the same features, among them the words of the
question a story ends on. It is the pipeline's only intent classifier and response selector
(nlu/answer_outputs.py); the gates after it ("Did you mean", small talk, red flags) treat its
verdict like any other.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RANKING_LENGTH
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from nlu.answer_labels import answer_context, chosen_answer, sent_part, split_context
from nlu.answer_outputs import answer_label, set_answer_outputs, set_no_answer
from nlu.model_input import WORD, char_ngrams, input_parts, message_text, model_input
from nlu.saved_pipeline import SavedPipelineComponent
from nlu.spelling import SpellingMender
from settings import PROJECT_ROOT

TRAINING_SETS = "training_sets"
NO_FOCUS = "-"  # the focus column of a follow-up that names no sub-option
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
# Answers after which a message is not a follow-up: the safety rules and the fallback own them
NOT_A_CONTEXT = frozenset({"emergency", "self_harm", "nlu_fallback", "out_of_scope"})
OPENING = "start"  # the context of a message with no answer before it to lean on

# In the parse: the previous answer a message was read after (for staff: `make shell`, /why).
READ_AFTER_KEY = "read_after"


@dataclass(frozen=True)
class FollowUp:
    """A message sent right after the `previous` answer, and the answer it needs."""

    previous: str
    label: str
    text: str
    focus: str | None = None  # the sub-option the message names, if any


def follow_up_fields(path: Path, lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """For each follow-up line of `lines` (the text of `path`; blank lines and lines starting
    with # skipped), its place in `lines` and its four fields, stripped."""
    for position, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\r\n").split("\t")
        if len(fields) != 4 or not all(field.strip() for field in fields):
            raise ValueError(f"{path}:{position + 1}: expected previous, label, focus, message")
        yield position, [field.strip() for field in fields]


def read_follow_up_file(path: Path) -> list[FollowUp]:
    """The `previous<TAB>label<TAB>focus<TAB>message` lines of one file (# starts a comment)."""
    return [
        FollowUp(previous, label, text, None if focus == NO_FOCUS else focus)
        for _, (previous, label, focus, text) in follow_up_fields(
            path, path.read_text(encoding="utf-8").splitlines()
        )
    ]


def follow_up_files(root: Path) -> list[Path]:
    """The follow-up files under `root`, in name order."""
    return sorted(root.glob("*.tsv"))


def read_follow_ups(root: Path) -> list[FollowUp]:
    """Every follow-up of every file under `root`."""
    return [f for path in follow_up_files(root) for f in read_follow_up_file(path)]


# A carer's "can she drive after?" read as the patient's "can I drive after?", which is how most
# training messages ask (bench/README.md, follow_ups_cv.py: stories +1 point, nothing lower).
# "They" stays: "what do they do" is about the clinic.
FIRST_PERSON = {
    "she": "i",
    "he": "i",
    "her": "my",
    "his": "my",
    "him": "me",
    "hers": "mine",
    "herself": "myself",
    "himself": "myself",
    "she's": "i'm",
    "he's": "i'm",
    "shes": "im",
    "hes": "im",
    "she'll": "i'll",
    "he'll": "i'll",
}


def length_band(words: list[str]) -> str:
    """How long a message is, in four bands of words."""
    count = len(words)
    return "1-2" if count <= 2 else "3-5" if count <= 5 else "6-10" if count <= 10 else "11+"


def words_and_context(document: str) -> list[str]:
    """Word and word-pair features (in the first person: `FIRST_PERSON`), the previous answer,
    each word paired with it, and the message's length band alone and paired with it ("and
    bruising?" leans on the answer before it more than a long question in the same words does).
    After one part of an answer only the answer counts: part features did not help it in
    cross-validation (bench/README.md); the SubOptionClassifier reads the part."""
    context, text = input_parts(document)
    previous, _ = split_context(context)
    words = [FIRST_PERSON.get(word, word) for word in WORD.findall(text.lower())]
    pairs = [f"{first} {second}" for first, second in zip(words, words[1:], strict=False)]
    band = f"length={length_band(words)}"
    return [
        *words,
        *pairs,
        f"after={previous}",
        *(f"{previous}|{word}" for word in words),
        band,
        f"{previous}|{band}",
    ]


def asked_words(document: str) -> list[str]:
    """In a message of several sentences, the words of the question it ends on (the last
    sentence with a question mark, else the last sentence): a story's question, apart."""
    sentences = [s for s in SENTENCE_BREAK.split(message_text(document)) if WORD.search(s)]
    if len(sentences) < 2:
        return []
    questions = [sentence for sentence in sentences if "?" in sentence]
    return WORD.findall((questions or sentences)[-1])


def question_features(document: str) -> list[str]:
    """`asked_words`, or one marker for a message of one sentence (never an empty vocabulary)."""
    return asked_words(document) or [NO_FOCUS]


def build_model(regularisation: float, question_words: bool, spelling: bool) -> Pipeline:
    """Character n-grams (typos) next to words, word pairs and the words-after-answer pairs;
    with `question_words`, also the words of the question a story ends on; with `spelling`,
    all of them read after misspelt words are mended (nlu/spelling.py)."""
    vectorizers = [
        char_ngrams(),
        TfidfVectorizer(analyzer=words_and_context, sublinear_tf=True),
    ]
    if question_words:
        vectorizers.append(TfidfVectorizer(analyzer=question_features, sublinear_tf=True))
    steps = [make_union(*vectorizers), LogisticRegression(C=regularisation, max_iter=3000)]
    return make_pipeline(*([SpellingMender()] if spelling else []), *steps)


def training_rows(
    follow_ups: list[FollowUp],
    examples: list[tuple[str, str]],
    previous_answers: list[str],
    pairings: int,
    follow_up_weight: float,
    seed: int = 0,
) -> tuple[list[str], list[str], list[float]]:
    """Model inputs, labels and weights: every follow-up, and every (text, label) example after
    `pairings` previous answers drawn at random, then once as an opening."""
    rng = random.Random(seed)
    inputs = [model_input(f.previous, f.text) for f in follow_ups]
    labels = [f.label for f in follow_ups]
    weights = [follow_up_weight] * len(follow_ups)
    for text, label in examples:
        contexts = rng.sample(previous_answers, min(pairings, len(previous_answers)))
        for previous in [*contexts, OPENING]:
            inputs.append(model_input(previous, text))
            labels.append(label)
            weights.append(1.0)
    return inputs, labels, weights


def train_model(
    follow_ups: list[FollowUp], examples: list[tuple[str, str]], config: dict[str, Any]
) -> Pipeline:
    """Fits the model; a follow-up naming an answer the NLU data does not have is an error."""
    known = {label for _, label in examples}
    named = {f.label for f in follow_ups} | {split_context(f.previous)[0] for f in follow_ups}
    unknown = sorted(named - known)
    if unknown:
        raise ValueError(f"follow-ups name answers the NLU data does not have: {unknown}")
    previous_answers = sorted(known - NOT_A_CONTEXT)
    inputs, labels, weights = training_rows(
        follow_ups,
        examples,
        previous_answers,
        int(config["pairings"]),
        float(config["follow_up_weight"]),
    )
    model = build_model(
        float(config["C"]), bool(config["question_words"]), bool(config["spelling"])
    )
    model.fit(inputs, labels, logisticregression__sample_weight=np.array(weights))
    return model


def previous_context(tracker: DialogueStateTracker | None) -> str | None:
    """The answer the bot gave to the latest user message, if it is one a follow-up can lean on,
    with the part it sent when it sent one part alone (`ask_post_care/heat`, read from the
    responses it uttered: "acupuncture?" is answered with the complementary therapies)."""
    if tracker is None or not tracker.latest_message or not tracker.latest_message.text:
        return None
    answer = chosen_answer(tracker.latest_message.parse_data)
    if answer is None or answer in NOT_A_CONTEXT:
        return None
    return answer_context(answer, sent_part(responses_since_user(tracker), answer))


def responses_since_user(tracker: DialogueStateTracker) -> list[str]:
    """The names of the domain responses the bot sent after the latest user message."""
    names = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered) and event.metadata.get("utter_action"):
            names.append(str(event.metadata["utter_action"]))
    return names


def sets_fingerprint(root: Path) -> str:
    """A hash of the follow-up files: a changed file retrains the model."""
    digest = hashlib.sha256()
    for path in follow_up_files(root):
        digest.update(path.name.encode() + b"\n" + path.read_bytes())
    return digest.hexdigest()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class FollowUpClassifier(SavedPipelineComponent, IntentClassifier):
    """Picks the answer to every message, with the previous answer (or OPENING) as context.
    A message with no word in it, or any message before training, gets an empty prediction."""

    model_file = "follow_up_model.joblib"
    code_modules = ("nlu.model_input", "nlu.spelling", "nlu.answer_labels")  # the features
    TRAINS_ON_TEXT = True  # its features come from the text: it trains beside spaCy's pass

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Where the follow-ups are, and the model's settings (bench/follow_ups_cv.py)."""
        return {
            TRAINING_SETS: "data/follow_ups",
            "C": 10.0,
            "pairings": 3,  # previous answers each NLU example is paired with
            "follow_up_weight": 3.0,
            "question_words": False,  # the words of the question a story ends on, apart
            "spelling": False,  # mend misspelt words first (nlu/spelling.py)
            RANKING_LENGTH: 4,
        }

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The code, and the follow-up files read from disk (not given by the graph): a change
        to either retrains."""
        root = PROJECT_ROOT / {**cls.get_default_config(), **config}[TRAINING_SETS]
        return sets_fingerprint(root) + super().fingerprint_addon(config)

    def train(self, training_data: TrainingData) -> Resource:
        """Fits the model on the follow-ups and the NLU examples."""
        examples = [
            (example.get(TEXT), answer_label(example))
            for example in training_data.intent_examples
            if example.get(TEXT) and example.get(INTENT)
        ]
        root = PROJECT_ROOT / self.component_config[TRAINING_SETS]
        return self.save(train_model(read_follow_ups(root), examples, self.component_config))

    def process(
        self, messages: list[Message], tracker: DialogueStateTracker | None = None
    ) -> list[Message]:
        """Each message's answer probabilities, read after the previous answer, or as an
        opening when there is none to lean on."""
        previous = previous_context(tracker) or OPENING
        for message in messages:
            text = str(message.get(TEXT) or "")
            if self._model is None or not WORD.search(text.lower()):
                set_no_answer(message)  # nothing to read: the fallback or the input guard answers
                continue
            probabilities = self._model.predict_proba([model_input(previous, text)])[0]
            answers = dict(zip(self._model.classes_, probabilities.tolist(), strict=True))
            set_answer_outputs(message, answers, int(self.component_config[RANKING_LENGTH]))
            if previous != OPENING:
                message.set(READ_AFTER_KEY, previous, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data: it passes through unchanged."""
        return training_data
