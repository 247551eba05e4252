"""Deterministic red-flag detector: emergencies and self-harm in a patient's message.

A spaCy `Matcher` finds symptom phrases on token lemmas; a few context rules then drop the
phrases that do not report a symptom happening now: negations ("no trouble breathing"),
questions about risks ("can botox make it hard to swallow?") and past events that are over
("I had double vision last year but it went away"). A first-person statement wins over every
question cue ("is it normal that I can't swallow?"), and when in doubt the detector fires.
`RedFlagDetector` wraps it as a Rasa NLU component whose verdict is final, together with a
learned second opinion (red_flag_model.py) that catches paraphrases the patterns miss and
overrules a pattern's emergency when it is sure the message holds none (`combine`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from nlu.follow_up import sets_fingerprint as follow_ups_fingerprint
from nlu.intent_override import set_top_intent
from nlu.saved_pipeline import SavedPipelineComponent
from safety.red_flag_model import (
    NO_FLAG,
    RED_FLAG_LABELS,
    LabelledMessage,
    follow_up_messages,
    from_intent,
    label_probabilities,
    set_messages,
    sets_fingerprint,
    train_model,
)
from safety.red_flag_patterns import (
    ANAPHORA,
    BEFORE_WORDS,
    CLAUSE_WORDS,
    CONDITIONALS,
    CONJUNCT_LENGTH,
    COORDINATIONS,
    CUE_PATTERNS,
    EPISTEMIC,
    EPISTEMIC_MODALS,
    FEARED,
    FEARS,
    GREETINGS,
    HYPOTHETICAL,
    INTENSIFIERS,
    INVERTING,
    MODALS,
    NEGATION_FILLERS,
    NEGATIONS,
    ONGOING,
    PAST_FORMS,
    PERFECT,
    PRONOUNS,
    QUESTION_OPENERS,
    SELF_HARM_WORDS,
    SENSES,
    SENTENCE_ENDS,
    STOPPING,
    SUBJECTS,
    SYMPTOM_PATTERNS,
    TEXTING,
    TEXTING_PATTERN,
    WINDOW,
    WORD_GROUPS,
)
from settings import PROJECT_ROOT

Kind = Literal["emergency", "self_harm"]
Narration = Literal["present", "past"]
SELF_HARM: Kind = "self_harm"
EMERGENCY: Kind = "emergency"
MODEL_REASON = "model"  # the red flag the learned model found (the patterns name a category)
TRAINING_SETS = "training_sets"
FOLLOW_UPS = "follow_ups"  # everyday follow-ups the model also learns as no red flag
FLAG_BELOW = "flag_below"  # the model flags a message when P(no red flag) is at most this
VETO_ABOVE = "veto_above"  # the model overrules a pattern's emergency when P(none) is at least this
SELF_HARM_ABOVE = "self_harm_above"  # the model flags self-harm when P(self_harm) is at least this
SELF_HARM_VETO_ABOVE = "self_harm_veto_above"  # ... overrules a pattern's self-harm at P(none) >=
OVERRULE_BELOW = "overrule_below"  # ... flags despite a pattern's ruling-out at P(none) <= this
DENIED_HARM_ABOVE = "denied_harm_above"  # ... flags self-harm the writer denies at P(self_harm) >=
FALLBACK_CONFIDENCE = 0.0  # what the classifier's ruled-out red flag leaves: no answer is sure
RED_FLAG_KEY = "red_flag"


@dataclasses.dataclass(frozen=True)
class RedFlag:
    """What the detector found: the kind of red flag and the category that matched."""

    kind: Kind
    reason: str


@dataclasses.dataclass(frozen=True)
class Assessment:
    """The red flag found (or None), and whether a symptom phrase was found but ruled out:
    negated, asked about, supposed or over ("no trouble breathing", "can it cause choking?")."""

    flag: RedFlag | None
    ruled_out: bool
    speaks_of_harm: bool = False  # a word of the self-harm lexicon (SELF_HARM_WORDS) is there
    denies_harm: bool = False  # a self-harm phrase negated ("I won't hurt myself"), a "denial" cue


@dataclasses.dataclass(frozen=True)
class _Rule:
    category: str
    not_followed_by: frozenset[str]


# A word in a "~N" gap: not a punctuation mark, nor a word the context rules must see before the
# phrase (a negation, "if", "or", a modal: "my eyelids will droop" is not "my eyelids droop").
GAP_TOKEN: dict[str, Any] = {
    "IS_PUNCT": False,
    "IS_SPACE": False,
    "LEMMA": {"NOT_IN": sorted(CLAUSE_WORDS | NEGATIONS | CONDITIONALS | COORDINATIONS | MODALS)},
    "OP": "?",
}


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words or token.lemma_ in words


def _expand(pattern: str) -> list[str]:
    """The slots of a pattern, with its word groups filled in."""
    return re.sub(r"@([A-Z_]+)", lambda group: WORD_GROUPS[group.group(1)], pattern).split()


class RedFlagMatcher:
    """Finds red flags in docs made by the lookup-lemma spaCy pipeline (`.spacy/en_lookup`)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._symptoms = Matcher(nlp.vocab)
        self._rules: dict[str, _Rule] = {}
        for category, patterns in SYMPTOM_PATTERNS.items():
            for index, pattern in enumerate(patterns):
                key = f"{category}/{index}"
                slots = _expand(pattern)
                excluded: frozenset[str] = frozenset()
                if slots[-1].startswith("!"):
                    excluded = self._forms(slots.pop()[1:])
                self._symptoms.add(key, [self._compile(slots)])
                self._rules[key] = _Rule(category, excluded)
        self._cues = Matcher(nlp.vocab)
        for name, patterns in CUE_PATTERNS.items():
            self._cues.add(name, [self._compile(_expand(pattern)) for pattern in patterns])

    def _forms(self, slot: str) -> frozenset[str]:
        """The words of a slot, lower-cased, with their lemmas unless the slot is exact ("=")."""
        words = {word.lower() for word in slot.strip("=?").split("|")}
        if slot.startswith("="):
            return frozenset(words)
        return frozenset(words | {token.lemma_ for word in words for token in self.nlp(word)})

    def _compile(self, slots: list[str]) -> list[dict[str, Any]]:
        compiled: list[dict[str, Any]] = []
        for slot in slots:
            if slot.startswith("~"):
                compiled.extend([GAP_TOKEN] * int(slot[1:]))
                continue
            attribute = "LOWER" if slot.startswith("=") else "LEMMA"
            token: dict[str, Any] = {attribute: {"IN": sorted(self._forms(slot))}}
            if slot.endswith("?"):
                token["OP"] = "?"
            compiled.append(token)
        return compiled

    def detect_text(self, text: str) -> RedFlag | None:
        """Detects a red flag in raw text."""
        return self.detect(self.nlp(text))

    def detect(self, doc: Doc) -> RedFlag | None:
        """The red flag reported in `doc`, if any; self-harm wins over an emergency."""
        return self.assess(doc).flag

    def assess(self, doc: Doc) -> Assessment:
        """The red flag reported in `doc`, or whether a symptom phrase was there but ruled out."""
        text = _normalise(doc.text)
        if text != doc.text:
            doc = self.nlp(text)
        cues: dict[str, list[int]] = {name: [] for name in CUE_PATTERNS}
        for match_id, start, _ in self._cues(doc):
            cues[self.nlp.vocab.strings[match_id]].append(start)
        emergency: RedFlag | None = None
        ruled_out = False
        harm = any(_is(token, SELF_HARM_WORDS) for token in doc)
        denied = bool(cues["denial"])
        for match_id, start, end in self._symptoms(doc):
            rule = self._rules[self.nlp.vocab.strings[match_id]]
            if emergency is not None and rule.category != "self_harm":
                continue
            if end < len(doc) and _is(doc[end], rule.not_followed_by):
                continue
            if not _reports(doc[start:end], rule.category, cues):
                ruled_out = True
                denied = denied or rule.category == "self_harm"
                continue
            if rule.category == "self_harm":
                return Assessment(RedFlag(SELF_HARM, rule.category), False, harm)
            emergency = RedFlag(EMERGENCY, rule.category)
        ruled_out = ruled_out or bool(cues["ability"])
        return Assessment(emergency, emergency is None and ruled_out, harm, denied)


def _reports(span: Span, category: str, cues: dict[str, list[int]]) -> bool:
    """Whether the phrase reports the red flag as present (not negated, over or asked about)."""
    sentence = _extent(span.doc, span.start, span.end, _ends_sentence)
    if _negated(span) and not _new(span, sentence, cues["novelty"]):
        return False
    if category == "self_harm":
        return True  # only a negation ("I'm not suicidal") takes a self-harm phrase back
    if _resolved(span, cues["resolved"]):
        return False
    narration = _narration(span, sentence)
    if narration == "present":
        return True
    if narration == "past" and _within(cues["history"], sentence.start, sentence.end):
        return False
    return not _hypothetical(span, sentence, cues["general"])


def _within(starts: list[int], start: int, end: int) -> bool:
    return any(start <= index < end for index in starts)


def _normalise(text: str) -> str:
    """Lower case (the lemmas are looked up in lower case), straight quotes, texting spelled out."""
    text = text.lower().replace("’", "'")
    return TEXTING_PATTERN.sub(lambda match: TEXTING[match.group(0)], text)


def _ends_sentence(token: Token) -> bool:
    return "\n" in token.text or (token.is_punct and set(token.text) <= SENTENCE_ENDS)


def _ends_clause(token: Token) -> bool:
    return _ends_sentence(token) or token.is_punct or _is(token, CLAUSE_WORDS)


def _extent(doc: Doc, start: int, end: int, is_break: Callable[[Token], bool]) -> Span:
    """The tokens around doc[start:end] up to a break (at most WINDOW tokens on each side)."""
    first = start
    while first > max(0, start - WINDOW) and not is_break(doc[first - 1]):
        first -= 1
    last = end
    while last < min(len(doc), end + WINDOW) and not is_break(doc[last]):
        last += 1
    return doc[first:last]


def _negated(span: Span) -> bool:
    """A negation right before the phrase, with only filler words between ("not having any")."""
    doc = span.doc
    conjunct = 0  # words of an earlier conjunct still allowed ("no X or Y")
    for index in range(span.start - 1, max(-1, span.start - 1 - WINDOW), -1):
        token = doc[index]
        if _is(token, NEGATIONS):
            return True
        if _is(token, COORDINATIONS):
            conjunct = CONJUNCT_LENGTH
        elif _ends_sentence(token) or not (_is(token, NEGATION_FILLERS) or conjunct):
            return False
        elif not _is(token, NEGATION_FILLERS):
            conjunct -= 1
    return False


def _new(span: Span, sentence: Span, novelty: list[int]) -> bool:
    """A negation that says the symptom is new: "never this weak", "never ... like this"."""
    if span.start > 0 and _is(span.doc[span.start - 1], INTENSIFIERS):
        return True
    return _within(novelty, span.end, sentence.end)


def _resolved(span: Span, resolved: list[int]) -> bool:
    """A past event said to be over, in its clause or the next ("... but it's gone")."""
    doc = span.doc
    clause = _extent(doc, span.start, span.end, _ends_clause)
    if any(_is(token, ONGOING) for token in clause):
        return False
    end = clause.end
    while end < len(doc) and _ends_clause(doc[end]) and not _ends_sentence(doc[end]):
        end += 1
    if end < len(doc) and not _ends_clause(doc[end]):
        end = _extent(doc, end, end + 1, _ends_clause).end
    over = [index for index in resolved if not _denied(doc, index) and not _earlier(doc, index)]
    return _within(over, clause.start, end)


def _denied(doc: Doc, index: int) -> bool:
    """A negation just before the cue at `index`: "won't go away" says it is not over."""
    return any(_is(token, NEGATIONS) for token in doc[max(0, index - 2) : index])


def _earlier(doc: Doc, index: int) -> bool:
    """The cue at `index` tells how things were before: "she was fine before the botox"."""
    return any(token.lower_ in BEFORE_WORDS for token in doc[index + 1 : index + 4])


def _narration(span: Span, sentence: Span) -> Narration | None:
    """How a subject ("I", "my", "he", "this") tells of the symptom: "present" ("I can't
    swallow"), "past" ("she had hives") or None (no subject, or a question or supposition)."""
    doc = span.doc
    if any(_is(token, PRONOUNS) for token in span) or (
        span.start > 0 and _is(doc[span.start - 1], STOPPING)
    ):
        return "present"
    subject = next(
        (i for i in range(span.start - 1, sentence.start - 1, -1) if _is(doc[i], SUBJECTS)), None
    )
    if subject is None:
        return None
    between = doc[subject + 1 : span.start]
    if (
        any(_past(token) for token in between)
        or (not between and _past(span[0]))
        or any(token.lower_ in PAST_FORMS for token in span)
    ):
        return "past"  # "I had ...", "I choked", "her voice went hoarse"
    if any(_supposes(token) for token in between):
        return None
    if subject == sentence.start:
        return "present"
    before = doc[subject - 1]
    if _is(before, CONDITIONALS):  # "what if I ...", but "not sure if I'm ..." states it
        stated = subject >= 2 and _is(doc[subject - 2], EPISTEMIC) and not _question(sentence)
    elif _is(before, INVERTING):  # "could I get ...", but "could this be ..." states it
        stated = _is(before, EPISTEMIC_MODALS) and _followed_by(doc[subject], frozenset({"be"}))
    else:
        stated = True
    return "present" if stated else None


def _past(token: Token) -> bool:
    """A verb in the past tense, not in the present perfect ("I had", not "I've had")."""
    if token.lower_ not in PAST_FORMS and not (
        token.lower_.endswith("ed") and token.lemma_ != token.lower_
    ):
        return False
    return not (token.i > 0 and _is(token.nbor(-1), PERFECT))


def _followed_by(token: Token, words: frozenset[str]) -> bool:
    return token.i + 1 < len(token.doc) and _is(token.nbor(1), words)


def _supposes(token: Token) -> bool:
    """A hypothetical word. These state the present: "might be", "can feel", "scared and"."""
    if not _is(token, HYPOTHETICAL):
        return False
    if _is(token, MODALS):
        return not (
            _followed_by(token, SENSES)
            or (_is(token, EPISTEMIC_MODALS) and _followed_by(token, frozenset({"be"})))
        )
    if _is(token, FEARS):
        return _followed_by(token, FEARED)
    return True


def _question(sentence: Span, before: int | None = None) -> bool:
    """Whether the sentence opens like a question ("can ...", "what ..."), before token `before`."""
    opener = next((t for t in sentence if not (_is(t, GREETINGS) or t.is_punct)), None)
    if opener is None or (before is not None and opener.i >= before):
        return False
    return _is(opener, QUESTION_OPENERS)


def _hypothetical(span: Span, sentence: Span, general: list[int]) -> bool:
    """A question about risks, a supposition or general information, not a report."""
    if _question(sentence, before=span.start):
        return True
    if any(_supposes(token) for token in span.doc[sentence.start : span.start]):
        return True
    return _asks_about_it(span, sentence) or _within(general, sentence.start, sentence.end)


def _asks_about_it(span: Span, sentence: Span) -> bool:
    """A question about the symptom after it: "trouble swallowing: how long does it last?"."""
    after = span.doc[span.end : sentence.end]
    return any(
        _is(token, QUESTION_OPENERS) and any(_is(word, ANAPHORA) for word in after[i + 1 : i + 4])
        for i, token in enumerate(after)
    )


def _intent(message: Message) -> str | None:
    return (message.get(INTENT) or {}).get(INTENT_NAME_KEY)


def _unmark(message: Message) -> None:
    """Takes a red-flag intent the detector ruled out back to "Did you mean", without it."""
    ranking = [
        ranked
        for ranked in message.get(INTENT_RANKING_KEY) or []
        if ranked.get(INTENT_NAME_KEY) not in RED_FLAG_LABELS
    ]
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    set_top_intent(
        message, DEFAULT_NLU_FALLBACK_INTENT_NAME, FALLBACK_CONFIDENCE, by="red-flag detector"
    )


def _mark(message: Message, flag: RedFlag) -> None:
    """Makes the red flag the message's intent, with full confidence, first in the ranking."""
    set_top_intent(message, flag.kind, 1.0, by="red-flag detector")
    message.set(RED_FLAG_KEY, dataclasses.asdict(flag), add_to_output=True)


def combine(
    assessment: Assessment, probabilities: dict[str, float] | None, config: dict[str, Any]
) -> RedFlag | None:
    """The final verdict from the patterns' assessment and the model's label probabilities.

    - A pattern's flag stands unless the model is sure there is none: P(none) >= `veto_above`
      for an emergency (figures of speech like "drowning in hospital letters"), P(none) >=
      `self_harm_veto_above`, a higher bar, for self-harm (a history that is over: "I used to
      self-harm as a teenager, that's long behind me").
    - Otherwise the model flags a message when P(none) <= `flag_below`, or self-harm when
      P(self_harm) >= `self_harm_above` (a miss there costs most). Where the patterns found a
      symptom phrase and ruled it out (negated, asked about, over), only a model all but sure
      of a red flag overrules them: P(none) <= `overrule_below`. The model's self-harm flag
      also needs a word of the self-harm lexicon: "my neck has been twisting for years" alone
      is not one; and where the writer says plainly they are safe ("I'm not going to hurt
      myself, I'm just at the end of my rope"), P(self_harm) >= `denied_harm_above`.
    """
    flag = assessment.flag
    if probabilities is None:
        return flag
    no_flag = probabilities.get(NO_FLAG, 1.0)
    if flag is not None:
        veto = config[SELF_HARM_VETO_ABOVE] if flag.kind == SELF_HARM else config[VETO_ABOVE]
        return flag if no_flag < veto else None
    if assessment.ruled_out and no_flag > config[OVERRULE_BELOW]:
        return None
    self_harm = probabilities.get(SELF_HARM, 0.0)
    may_say_self_harm = assessment.speaks_of_harm and (
        not assessment.denies_harm or self_harm >= config[DENIED_HARM_ABOVE]
    )
    if self_harm >= config[SELF_HARM_ABOVE] and may_say_self_harm:
        return RedFlag(SELF_HARM, MODEL_REASON)
    if no_flag > config[FLAG_BELOW]:
        return None
    kind = max(RED_FLAG_LABELS, key=lambda name: probabilities.get(name, 0.0))
    if kind == SELF_HARM and not may_say_self_harm:
        return None
    return RedFlag(kind, MODEL_REASON)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True, model_from="SpacyNLP"
)
class RedFlagDetector(SavedPipelineComponent, IntentClassifier):
    """Sets the `emergency` or `self_harm` intent with full confidence when a red flag is found,
    and takes a classifier's red-flag intent back when none is: its verdict is final.

    Place it last in the pipeline (after the FallbackClassifier and the gates). Without a
    trained model, the patterns alone decide.
    """

    model_file = "red_flag_model.joblib"
    code_modules = ("safety.red_flag_model", "safety.red_flag_patterns")  # patterns sort its data
    TRAINS_ON_TEXT = True  # its features come from the text: it trains beside spaCy's pass
    _matcher: RedFlagMatcher | None = None  # built on the first message, for the model's nlp

    @classmethod
    def required_components(cls) -> list[type]:
        """SpacyNLP makes the docs (and provides the pipeline) this component reads."""
        return [SpacyNLP]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Where the red-flag sets are (from the project root) and the model's settings."""
        return {
            TRAINING_SETS: "data/red_flags",
            FOLLOW_UPS: "data/follow_ups",
            "C": 10.0,
            FLAG_BELOW: 0.5,
            VETO_ABOVE: 0.8,
            SELF_HARM_ABOVE: 0.4,
            SELF_HARM_VETO_ABOVE: 0.9,
            OVERRULE_BELOW: 0.2,
            DENIED_HARM_ABOVE: 0.95,
        }

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The code, and the set and follow-up files read from disk (not given by the graph): a
        change to any retrains."""
        full = {**cls.get_default_config(), **config}
        return (
            sets_fingerprint(_sets_root(full))
            + follow_ups_fingerprint(_follow_ups_root(full))
            + super().fingerprint_addon(config)
        )

    def train(self, training_data: TrainingData, model: SpacyModel) -> Resource:
        """Fits the model on the red-flag sets and the NLU examples (the recipe also hands over
        the spaCy model; the n-gram model reads the raw text)."""
        messages = (
            set_messages(_sets_root(self.component_config))
            + [
                from_intent(example.get(TEXT), intent)
                for example in training_data.intent_examples
                if example.get(TEXT) and (intent := example.get(INTENT))
            ]
            + everyday_follow_ups(self.component_config, self._matcher_for(model.model))
        )
        return self.save(train_model(messages, float(self.component_config["C"])))

    def _matcher_for(self, nlp: Language) -> RedFlagMatcher:
        if self._matcher is None or self._matcher.nlp is not nlp:
            self._matcher = RedFlagMatcher(nlp)
        return self._matcher

    def process(self, messages: list[Message], model: SpacyModel) -> list[Message]:
        """Marks every message with a red flag; takes a classifier's red-flag intent back from
        the others, which then go to "Did you mean" without the red-flag candidates."""
        matcher = self._matcher_for(model.model)
        texts = [str(message.get(TEXT) or "") for message in messages]
        probabilities: list[dict[str, float] | None] = [None] * len(messages)
        if self._model is not None and messages:
            probabilities = list(label_probabilities(self._model, texts))
        for message, text, chances in zip(messages, texts, probabilities, strict=True):
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                doc = model.model(text)
            flag = combine(matcher.assess(doc), chances, self.component_config)
            if flag is not None:
                _mark(message, flag)
            elif _intent(message) in RED_FLAG_LABELS:
                _unmark(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data: it passes through unchanged."""
        return training_data


def everyday_follow_ups(config: dict[str, Any], matcher: RedFlagMatcher) -> list[LabelledMessage]:
    """The follow-ups the model learns from (`config`'s folder), without those the patterns flag
    (the detector trains on them; bench/red_flags_cv.py counts them as everyday messages)."""
    return follow_up_messages(
        _follow_ups_root(config), lambda text: matcher.detect_text(text) is not None
    )


def _sets_root(config: dict[str, Any]) -> Path:
    return PROJECT_ROOT / config[TRAINING_SETS]


def _follow_ups_root(config: dict[str, Any]) -> Path:
    return PROJECT_ROOT / config[FOLLOW_UPS]
