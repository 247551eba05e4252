"""Input guard: clean what NLU sees, cap its length, and give empty or over-long messages a verdict.

Two Rasa NLU components share this module:

* `InputNormaliser` runs FIRST in the pipeline. It strips control characters, collapses
  whitespace and, when a message is longer than the cap, cuts what NLU sees to the cap and marks
  the message as too long.
* `InputGuardVerdict` runs right after the FallbackClassifier (the red-flag detector, which must
  have the last word on safety, comes after it). It sets the intent `message_too_long` or
  `empty_message` with confidence 1.0 for marked messages. These intents have no NLU training
  examples, so no classifier ever predicts them: only the guard sets them.

The cap is read from the environment variable `MAX_MESSAGE_CHARS` (default 1,000 characters), so
the REST channel (`channels/guarded_rest.py`) applies the same limit before anything is stored.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import asdict, dataclass

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.intent_override import set_top_intent
from nlu.stateless import StatelessComponent

logger = logging.getLogger(__name__)

MAX_CHARS_VARIABLE = "MAX_MESSAGE_CHARS"
DEFAULT_MAX_CHARS = 1000
TOO_LONG_INTENT = "message_too_long"
EMPTY_INTENT = "empty_message"
# Where InputNormaliser leaves its findings on the message for InputGuardVerdict.
GUARD_PROPERTY = "input_guard"

_WHITESPACE = re.compile(r"\s+")
# Removed from user text: the control characters (Unicode category Cc) that are not whitespace,
# and lone surrogates (category Cs), which cannot be encoded as UTF-8 and would break the tracker
# store or the logs. Whitespace control characters (tab, newline, ...) become single spaces.
_REMOVED = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")


def max_message_chars() -> int:
    """The configured cap on message length; a missing or malformed value gives the default."""
    raw = os.environ.get(MAX_CHARS_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_CHARS
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    logger.warning(
        "Ignoring malformed %s=%r; using %d.", MAX_CHARS_VARIABLE, raw, DEFAULT_MAX_CHARS
    )
    return DEFAULT_MAX_CHARS


def clean_text(text: str) -> str:
    """`text` without control characters or lone surrogates, whitespace runs made single spaces."""
    return _WHITESPACE.sub(" ", _REMOVED.sub("", text)).strip()


def has_content(text: str) -> bool:
    """Whether `text` has at least one letter or digit (emoji or punctuation alone do not count)."""
    return any(char.isalnum() for char in text)


@dataclass(frozen=True)
class GuardFindings:
    """What the normaliser found about one message."""

    original_length: int
    too_long: bool
    empty: bool


def guard_text(text: str | None, cap: int) -> tuple[str, GuardFindings]:
    """The text NLU should see (cleaned, cut to `cap`) and what was found about it."""
    cleaned = clean_text(text or "")
    findings = GuardFindings(
        original_length=len(cleaned), too_long=len(cleaned) > cap, empty=not has_content(cleaned)
    )
    return cleaned[:cap], findings


def guard_intent(findings: GuardFindings) -> str | None:
    """The intent the guard asserts for a message, if any (too long wins over empty)."""
    if findings.too_long:
        return TOO_LONG_INTENT
    if findings.empty:
        return EMPTY_INTENT
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class InputNormaliser(StatelessComponent):
    """First pipeline step: cleans the text and cuts it to the configured cap."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Clean each incoming message and record the findings on it."""
        cap = max_message_chars()
        for message in messages:
            text, findings = guard_text(message.get(TEXT), cap)
            message.set(TEXT, text)
            message.set(GUARD_PROPERTY, asdict(findings))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples are cleaned like live messages, so both look the same to NLU."""
        for example in training_data.training_examples:
            if example.get(TEXT) is not None:
                example.set(TEXT, clean_text(example.get(TEXT)))
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class InputGuardVerdict(StatelessComponent):
    """After the FallbackClassifier: the guard's intents for empty and over-long messages."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Set the guard intent where the normaliser found one; overrule classifiers otherwise."""
        for message in messages:
            findings = message.get(GUARD_PROPERTY)
            asserted = guard_intent(GuardFindings(**findings)) if findings else None
            if asserted:
                set_top_intent(message, asserted, by="input guard")
        return messages
