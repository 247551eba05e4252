"""A learned second opinion on red flags: is a message an emergency, self-harm, or neither?

Logistic regression over character and word n-grams (TF-IDF), trained on the red-flag sets in
data/red_flags/ (messages that report a red flag, and ordinary messages that use the same words),
on the NLU training examples (the `emergency` and `self_harm` ones as red flags, every other
intent as none) and on the follow-ups of data/follow_ups/ (messages sent after an answer, "no,
the pills, sorry": none), so that everyday conversation does not read as a crisis. It catches
paraphrases the patterns do not know; the patterns, in turn, read negation and tense, which
n-grams cannot. `RedFlagDetector` combines the two (red_flags.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from nlu.follow_up import read_follow_ups

NO_FLAG = "none"
RED_FLAG_LABELS = ("emergency", "self_harm")  # the intents the detector sets
SET_FILES = ("emergency.txt", "ordinary.txt")


@dataclass(frozen=True)
class LabelledMessage:
    """A message and its red-flag label: `emergency`, `self_harm` or `none`."""

    text: str
    label: str


def _lines(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def read_set(folder: Path) -> list[LabelledMessage]:
    """One set: `emergency.txt` holds `kind<TAB>message` lines, `ordinary.txt` messages."""
    red_flags = [
        LabelledMessage(text, kind)
        for kind, text in (line.split("\t", 1) for line in _lines(folder / "emergency.txt"))
    ]
    ordinary = [LabelledMessage(text, NO_FLAG) for text in _lines(folder / "ordinary.txt")]
    return red_flags + ordinary


def set_folders(root: Path) -> list[Path]:
    """The set folders under `root`, in name order."""
    return sorted(path.parent for path in root.glob("*/emergency.txt"))


def set_messages(root: Path) -> list[LabelledMessage]:
    """Every message of every set under `root`."""
    return [message for folder in set_folders(root) for message in read_set(folder)]


def from_intent(text: str, intent: str) -> LabelledMessage:
    """An NLU training example as a model example: a red-flag intent as itself, others as none."""
    return LabelledMessage(text, intent if intent in RED_FLAG_LABELS else NO_FLAG)


def follow_up_messages(
    root: Path, reports_red_flag: Callable[[str], bool]
) -> list[LabelledMessage]:
    """The follow-ups under `root` as model examples, by the answer each needs (none but for the
    red-flag answers). A follow-up the patterns read as a red flag is left out: its writer may
    have labelled a symptom happening now as a side-effect question, and the model must not learn
    such a report as ordinary."""
    return [
        from_intent(follow_up.text, follow_up.label)
        for follow_up in read_follow_ups(root)
        if follow_up.label in RED_FLAG_LABELS or not reports_red_flag(follow_up.text)
    ]


def sets_fingerprint(root: Path) -> str:
    """A hash of every set file under `root`: a changed set retrains the model."""
    digest = hashlib.sha256()
    for folder in set_folders(root):
        for name in SET_FILES:
            digest.update(f"{folder.name}/{name}\n".encode())
            digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def build_model(regularisation: float) -> Pipeline:
    """Character n-grams (typos, "cant breath") next to word pairs ("pass out")."""
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
    )
    classifier = LogisticRegression(C=regularisation, max_iter=2000, class_weight="balanced")
    return make_pipeline(features, classifier)


def train_model(messages: list[LabelledMessage], regularisation: float) -> Pipeline:
    """Fits the model on `messages`."""
    model = build_model(regularisation)
    model.fit([m.text for m in messages], [m.label for m in messages])
    return model


def label_probabilities(model: Pipeline, texts: list[str]) -> list[dict[str, float]]:
    """For each text, the probability of each label (`none`, `emergency`, `self_harm`)."""
    probabilities = np.atleast_2d(model.predict_proba(texts))
    return [dict(zip(model.classes_, row.tolist(), strict=True)) for row in probabilities]
