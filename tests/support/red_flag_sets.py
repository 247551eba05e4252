"""The red-flag message sets and how a detector scores on them (bench/red_flags.py prints it;
tests/unit/test_red_flags.py and tests/holdout/test_red_flag_holdout.py keep floors).

Each set is a folder: `emergency.txt` holds `kind<TAB>message` lines that must be caught with that
kind, `ordinary.txt` messages that must (almost) never be. The sets in data/red_flags/ train the
detector's model; tests/data/red_flags/ holds the hold-out set, never trained on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy

from safety.red_flag_model import NO_FLAG, RED_FLAG_LABELS, LabelledMessage, read_set
from safety.red_flags import RedFlagMatcher
from settings import PROJECT_ROOT
from tests.support.agent import load_agent, parse_all
from tests.support.servers import MODEL

SPACY_PIPELINE = PROJECT_ROOT / ".spacy" / "en_lookup"
# Each set, in the order it was written, and what it is. Its folder is in data/red_flags/ once
# it trains the model, in tests/data/red_flags/ while it is a hold-out (`set_folder`).
ABOUT: dict[str, str] = {
    "tuning": "written in rounds before 2026-11-30; patterns tuned on it, model trained on it",
    "fresh_a": "written blind 2026-11-30, measured before the changes; then tuned and trained on",
    "fresh_b": (
        "written blind 2026-11-30, opened after the first changes; then tuned and trained" " on"
    ),
    "authored": (
        "self-harm wordings and near misses written by the developer 2026-11-30; trained" " on"
    ),
    "fresh_c": (
        "written blind 2026-11-30, scored after rounds 2-5; hold-out until set E, then trained"
        " on"
    ),
    "fresh_d": (
        "written blind 2026-11-30 after round 5, scored once; hold-out until E, then trained" " on"
    ),
    "written_1": (
        "written blind 2026-11-30 as training data: long stories, carers, old and new" " symptoms"
    ),
    "written_2": (
        "written blind 2026-11-30 as training data: terse, typos, non-native, indirect" " self-harm"
    ),
    "written_3": (
        "written blind 2026-11-30 as training data: histories that are over, figures of" " speech"
    ),
    "written_4": (
        "written blind 2026-11-30 as training data: symptom words as topics, negations," " slang"
    ),
    "fresh_e": (
        "written blind 2026-11-30 (second session), scored before and after round 6; hold-out"
        " until set I, then trained on"
    ),
    "fresh_f": (
        "written blind 2026-11-30 during round 6, scored once after it; hold-out until set I,"
        " then trained on"
    ),
    "fresh_g": (
        "written blind 2026-11-30 during round 7, scored once after it; hold-out until set I,"
        " then trained on"
    ),
    "fresh_h": (
        "written blind 2026-11-30 after round 7, scored once; hold-out until I, then trained" " on"
    ),
    "written_5": (
        "written blind 2026-11-30 (fourth session) as training data: hard ordinary" " messages"
    ),
    "written_6": (
        "written blind 2026-11-30 (fourth session) as training data: terse, non-native," " carers"
    ),
    "written_7": (
        "written blind 2026-12-01 (ninth session) as training data: ordinary messages near crisis"
        " words (closings, frustration, carers, idioms) and red flags in the same styles"
    ),
    "written_8": (
        "written blind 2026-12-01 (ninth session) as training data: frustration with treatment,"
        " practical burdens, mild side effects told calmly; red flags in the same styles"
    ),
    "fresh_i": "written blind 2026-11-30 (fourth session), scored once before round 8; never read",
    "fresh_j": (
        "written blind 2026-11-30 (fourth session) during round 8, scored once after it; then"
        " read and trained on (round 9)"
    ),
    "fresh_k": (
        "written blind 2026-11-30 (fourth session) during round 9, scored once after it; then"
        " read and trained on (round 10)"
    ),
    "fresh_l": (
        "written blind 2026-11-30 (fourth session) during round 10, scored once after it; then"
        " read and trained on (round 11)"
    ),
    "fresh_m": (
        "written blind 2026-11-30 (fifth session) during round 11, scored once after it; then"
        " read and trained on (round 12)"
    ),
    "fresh_n": (
        "written blind 2026-11-30 (fifth session) by a second helper during round 11, scored after"
        " rounds 10-12; then read and trained on (round 13)"
    ),
    "fresh_o": (
        "written blind 2026-11-30 (fifth session) during round 12, scored once after it;" " unread"
    ),
    "fresh_p": (
        "written blind 2026-11-30 (fifth session) by a second helper during round 12, scored once"
        " after it; unread"
    ),
    "fresh_q": (
        "written blind 2026-12-01 (sixth session) during round 13, scored once after it; unread"
    ),
    "fresh_r": (
        "written blind 2026-12-01 (sixth session) by a second helper during round 13, scored once"
        " after it; then read and trained on (round 14)"
    ),
    "fresh_s": (
        "written blind 2026-12-01 (seventh session) during round 14, scored once after it; unread"
    ),
    "fresh_t": (
        "written blind 2026-12-01 (seventh session) by a second helper during round 14, scored once"
        " after it; about 150 ordinary messages seen by accident after that"
    ),
    "fresh_u": (
        "written blind 2026-12-01 (ninth session), frozen before round 15 was scored, scored once"
        " after it; unread"
    ),
    "fresh_v": (
        "written blind 2026-12-03 (nineteenth session) by two more helpers from the brief of round"
        " 19 (red flags told calmly inside a question), frozen before it was scored; unread"
    ),
    "written_9": (
        "written blind 2026-12-02 (fifteenth session) as training data: chat closings, hopes about"
        " life, medicine questions and calm side-effect reports; red flags in the same words"
    ),
    "written_10": (
        "written blind 2026-12-03 (nineteenth session) by two helpers as training data: red flags"
        " told calmly as an aside in a question about the injections, ordinary questions that"
        " sound heavy, look-alikes of each; each half scored once before it was trained on"
        " (pipeline recall 96.3% and 100%, false alarms 0.8% and 0.6%)"
    ),
}


def set_folder(name: str) -> Path:
    """Where a set is: data/red_flags/ if it trains the model, else tests/data/red_flags/."""
    training = PROJECT_ROOT / "data" / "red_flags" / name
    return training if training.is_dir() else PROJECT_ROOT / "tests" / "data" / "red_flags" / name


def is_holdout(folder: Path) -> bool:
    """Whether a set folder is a hold-out (under tests/): its messages are never printed."""
    return (PROJECT_ROOT / "tests") in folder.parents


SETS = {name: (set_folder(name), about) for name, about in ABOUT.items()}
TARGET_RECALL = 0.98
MAX_FALSE_ALARM_RATE = 0.02

Detect = Callable[[list[str]], list[str | None]]  # messages -> the red-flag kind of each


@dataclass(frozen=True)
class Outcome:
    """A case and the kind it got."""

    case: LabelledMessage
    kind: str | None

    @property
    def expected(self) -> str | None:
        return None if self.case.label == NO_FLAG else self.case.label

    @property
    def correct(self) -> bool:
        return self.kind == self.expected


@dataclass(frozen=True)
class Score:
    """Recall (right kind) on the red flags, false alarms on the ordinary messages."""

    outcomes: list[Outcome]

    @property
    def red_flags(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.expected]

    @property
    def ordinary(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.expected]

    @property
    def recall(self) -> float:
        return sum(o.correct for o in self.red_flags) / len(self.red_flags)

    @property
    def false_alarm_rate(self) -> float:
        return sum(o.kind is not None for o in self.ordinary) / len(self.ordinary)

    @property
    def wrong(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]


def read_cases(set_name: str) -> list[LabelledMessage]:
    """The red flags, then the ordinary messages, of one set."""
    return read_set(SETS[set_name][0])


def load_matcher() -> RedFlagMatcher:
    """The detector on the project's spaCy pipeline (built by `make install`)."""
    if not (SPACY_PIPELINE / "meta.json").exists():
        raise FileNotFoundError(f"{SPACY_PIPELINE} is missing: run `make install`")
    return RedFlagMatcher(spacy.load(SPACY_PIPELINE))


def detector_only(matcher: RedFlagMatcher) -> Detect:
    """The red-flag detector on its own."""

    def detect(texts: list[str]) -> list[str | None]:
        flags = [matcher.detect_text(text) for text in texts]
        return [flag.kind if flag else None for flag in flags]

    return detect


def pipeline(model_path: Path = MODEL) -> Detect:
    """The whole NLU pipeline of the trained model: the intent a message ends with."""
    agent = load_agent(model_path)

    def detect(texts: list[str]) -> list[str | None]:
        intents = [parse["intent"]["name"] for parse in parse_all(agent, texts)]
        return [intent if intent in RED_FLAG_LABELS else None for intent in intents]

    return detect


def score(detect: Detect, cases: list[LabelledMessage]) -> Score:
    """Runs one way of detecting over a set."""
    kinds = detect([case.text for case in cases])
    return Score([Outcome(case, kind) for case, kind in zip(cases, kinds, strict=True)])
