"""Near copies: a message that shares at least 80% of its words (Jaccard) with another is the
same message for training purposes. Used to keep hold-out and development messages out of the
training data (tests/unit/test_training_data.py, scripts/merge_blind_data.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from safety.red_flag_model import read_set, set_folders
from settings import PROJECT_ROOT
from tests.support.conversation_eval import CONVERSATIONS, load_conversations
from tests.support.nlu_eval import HOLDOUT_PATH, load_examples

MIN_WORDS = 4  # shorter messages ("ok thanks") repeat by nature
SIMILARITY = 0.8
DEVELOPMENT_CONVERSATIONS = PROJECT_ROOT / "bench" / "data" / "conversations_dev.yml"
RED_FLAG_HOLDOUTS = PROJECT_ROOT / "tests" / "data" / "red_flags"


def words(text: str) -> frozenset[str]:
    """The message's lower-case words, apostrophes dropped."""
    return frozenset(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))


def near_copies(messages: Iterable[str], trained: Iterable[str]) -> list[str]:
    """The messages of MIN_WORDS+ words that share at least SIMILARITY of their words with one
    of `trained`: trained on in all but name."""
    training_words = [words(text) for text in trained]
    copies = []
    for text in messages:
        held = words(text)
        if len(held) >= MIN_WORDS and any(
            len(held & seen) / len(held | seen) >= SIMILARITY for seen in training_words
        ):
            copies.append(text)
    return copies


def kept_apart() -> list[str]:
    """Every message that must never be trained on: the hold-outs (single questions,
    conversations, red flags) and the development conversations."""
    texts = [example.text for example in load_examples(HOLDOUT_PATH)]
    for path in (CONVERSATIONS, DEVELOPMENT_CONVERSATIONS):
        texts += [turn.user for c in load_conversations(path) for turn in c.turns]
    texts += [m.text for folder in set_folders(RED_FLAG_HOLDOUTS) for m in read_set(folder)]
    return texts
