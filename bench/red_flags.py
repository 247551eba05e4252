"""Recall and false-alarm rate of the red-flag detector on the two hand-written message sets.

    .venv/bin/python bench/red_flags.py

tests/data/red_flags/emergency.txt holds `kind<TAB>message` lines that must all be caught with
that kind; tests/data/red_flags/ordinary.txt holds messages that must (almost) never be.
"""

from __future__ import annotations

import shlex
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make `nlu_components` importable
    sys.path.insert(0, str(PROJECT_ROOT))

import spacy  # noqa: E402

from nlu_components.red_flags import RedFlag, RedFlagMatcher  # noqa: E402

CASES_DIR = PROJECT_ROOT / "tests" / "data" / "red_flags"
SPACY_PIPELINE = PROJECT_ROOT / ".spacy" / "en_lookup"
EMERGENCY_SET = "emergency"
ORDINARY_SET = "ordinary"
MAX_FALSE_ALARM_RATE = 0.02


@dataclass(frozen=True)
class Case:
    """One message and the red-flag kind it must get (None: no red flag)."""

    expected: str | None
    text: str


@dataclass(frozen=True)
class Outcome:
    """A case and what the detector said about it."""

    case: Case
    flag: RedFlag | None

    @property
    def correct(self) -> bool:
        return (self.flag.kind if self.flag else None) == self.case.expected


def read_cases(name: str) -> list[Case]:
    """The cases of one set; lines starting with # are comments."""
    cases = []
    for line in (CASES_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if name == EMERGENCY_SET:
            kind, text = line.split("\t", 1)
            cases.append(Case(kind, text))
        else:
            cases.append(Case(None, line))
    return cases


def load_matcher() -> RedFlagMatcher:
    """The detector on the project's spaCy pipeline (built by `make install`)."""
    if not (SPACY_PIPELINE / "meta.json").exists():
        raise FileNotFoundError(f"{SPACY_PIPELINE} is missing: run `make install`")
    return RedFlagMatcher(spacy.load(SPACY_PIPELINE))


def evaluate(matcher: RedFlagMatcher, name: str) -> list[Outcome]:
    """Runs the detector over one set."""
    return [Outcome(case, matcher.detect_text(case.text)) for case in read_cases(name)]


def _describe(outcome: Outcome) -> str:
    said = f"{outcome.flag.kind}/{outcome.flag.reason}" if outcome.flag else "nothing"
    return f"  expected {outcome.case.expected or 'nothing'}, got {said}: {outcome.case.text}"


def main() -> int:
    matcher = load_matcher()
    results: dict[str, list[Outcome]] = {}
    seconds: dict[str, float] = {}
    for name in (EMERGENCY_SET, ORDINARY_SET):
        started = time.perf_counter()
        results[name] = evaluate(matcher, name)
        seconds[name] = time.perf_counter() - started
    print(f"$ {shlex.join(['.venv/bin/python', 'bench/red_flags.py'])}\n")
    print(f"{'set':<10} {'messages':>8} {'flagged':>8} {'correct':>8} {'ms/msg':>7}  measure")
    for name, outcomes in results.items():
        flagged = sum(o.flag is not None for o in outcomes)
        correct = sum(o.correct for o in outcomes)
        rate = correct / len(outcomes) if name == EMERGENCY_SET else flagged / len(outcomes)
        measure = "recall (right kind)" if name == EMERGENCY_SET else "false-alarm rate"
        per_message = 1000 * seconds[name] / len(outcomes)
        print(
            f"{name:<10} {len(outcomes):>8} {flagged:>8} {correct:>8} {per_message:>7.2f}"
            f"  {measure} {rate:.1%}"
        )
    print(f"\n(target: recall 100%, false alarms <= {MAX_FALSE_ALARM_RATE:.0%})\n")
    for name, outcomes in results.items():
        counts = Counter(o.flag.reason for o in outcomes if o.flag)
        listed = ", ".join(f"{reason} {count}" for reason, count in sorted(counts.items()))
        print(f"{name} flagged by category: {listed or 'none'}")
    for name, outcomes in results.items():
        wrong = [o for o in outcomes if not o.correct]
        title = "misses" if name == EMERGENCY_SET else "false alarms"
        print(f"\n{name} {title} ({len(wrong)}):")
        for outcome in wrong:
            print(_describe(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
