"""Recall and false-alarm rate of red-flag detection on each hand-written message set.

    .venv/bin/python bench/red_flags.py            # the detector alone, and the whole NLU pipeline
    .venv/bin/python bench/red_flags.py --misses   # also list every miss and false alarm

Each set is a folder: `emergency.txt` holds `kind<TAB>message` lines that must be caught with that
kind, `ordinary.txt` messages that must (almost) never be. The sets in data/red_flags/ train the
detector's model; tests/data/red_flags/ holds the hold-out set, never trained on. The pipeline
column parses each message with the trained model (models/current.tar.gz), as the server does,
and counts the intent it ends with; the detector column is the patterns alone.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make `nlu_components` importable
    sys.path.insert(0, str(PROJECT_ROOT))

import spacy  # noqa: E402

from nlu_components.red_flag_model import NO_FLAG, LabelledMessage, read_set  # noqa: E402
from nlu_components.red_flags import RED_FLAG_KINDS, RedFlagMatcher  # noqa: E402

SPACY_PIPELINE = PROJECT_ROOT / ".spacy" / "en_lookup"
MODEL = PROJECT_ROOT / "models" / "current.tar.gz"
# Each set, in the order it was written: its folder and what it is
SETS = {
    "tuning": (
        PROJECT_ROOT / "data" / "red_flags" / "tuning",
        "written in rounds before 2026-11-30; patterns tuned on it, model trained on it",
    ),
    "fresh_a": (
        PROJECT_ROOT / "data" / "red_flags" / "fresh_a",
        "written blind 2026-11-30, measured before the changes; then tuned and trained on",
    ),
    "fresh_b": (
        PROJECT_ROOT / "data" / "red_flags" / "fresh_b",
        "written blind 2026-11-30, opened after the first changes; then tuned and trained on",
    ),
    "authored": (
        PROJECT_ROOT / "data" / "red_flags" / "authored",
        "self-harm wordings and near misses written by the developer 2026-11-30; trained on",
    ),
    "fresh_c": (
        PROJECT_ROOT / "tests" / "data" / "red_flags" / "fresh_c",
        "written blind 2026-11-30, scored after rounds 2 and 3; never read, never trained on",
    ),
}
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
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model_path))

    def detect(texts: list[str]) -> list[str | None]:
        async def parse_all() -> list[dict]:
            return [await agent.parse_message(text) for text in texts]

        intents = [parse["intent"]["name"] for parse in asyncio.run(parse_all())]
        return [intent if intent in RED_FLAG_KINDS else None for intent in intents]

    return detect


def score(detect: Detect, cases: list[LabelledMessage]) -> Score:
    """Runs one way of detecting over a set."""
    kinds = detect([case.text for case in cases])
    return Score([Outcome(case, kind) for case, kind in zip(cases, kinds, strict=True)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    ways = {"detector": detector_only(load_matcher())}
    if MODEL.exists():
        ways["pipeline"] = pipeline()
    command = [".venv/bin/python", "bench/red_flags.py", *sys.argv[1:]]
    print(f"$ {shlex.join(command)}\n")
    header = (
        f"{'set':<8} {'way':<9} {'red flags':>9} {'recall':>7} {'ordinary':>8} {'false alarms':>12}"
    )
    print(header)
    scores: dict[tuple[str, str], Score] = {}
    for set_name in [name for name, (folder, _) in SETS.items() if folder.is_dir()]:
        cases = read_cases(set_name)
        for way, detect in ways.items():
            result = scores[set_name, way] = score(detect, cases)
            print(
                f"{set_name:<8} {way:<9} {len(result.red_flags):>9} {result.recall:>7.1%}"
                f" {len(result.ordinary):>8} {result.false_alarm_rate:>12.1%}"
            )
    print(f"\n(targets: recall >= {TARGET_RECALL:.0%}, false alarms <= {MAX_FALSE_ALARM_RATE:.0%})")
    for set_name, (folder, about) in SETS.items():
        if folder.is_dir():
            print(f"  {set_name}: {about}")
    if args.misses:
        for (set_name, way), result in scores.items():
            print(f"\n{set_name} / {way}: {len(result.wrong)} wrong")
            for outcome in result.wrong:
                print(f"  expected {outcome.expected}, got {outcome.kind}: {outcome.case.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
