"""Recall and false-alarm rate of red-flag detection on each hand-written message set.

    .venv/bin/python bench/red_flags.py            # the patterns alone, and the whole NLU pipeline
    .venv/bin/python bench/red_flags.py --misses   # also every miss and false alarm (training sets)

The pipeline column parses each message with the trained model (models/current.tar.gz), as the
server does, and counts the intent it ends with; the detector column is the patterns alone. The
sets and the scoring: tests/support/red_flag_sets.py.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from tests.support.red_flag_sets import (  # noqa: E402
    MAX_FALSE_ALARM_RATE,
    MODEL,
    SETS,
    TARGET_RECALL,
    Score,
    detector_only,
    is_holdout,
    load_matcher,
    pipeline,
    read_cases,
    score,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--misses", action="store_true", help="list misses and false alarms of the training sets"
    )
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
            if is_holdout(SETS[set_name][0]):
                continue  # a hold-out's messages are never printed: counts only
            print(f"\n{set_name} / {way}: {len(result.wrong)} wrong")
            for outcome in result.wrong:
                print(f"  expected {outcome.expected}, got {outcome.kind}: {outcome.case.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
