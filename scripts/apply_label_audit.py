"""Relabel follow-ups a blind second reader and the cross-validated model both read another way.

A label audit (bench/data/label_audit/): the follow-ups that the answer model, trained without
them, gave another answer with confidence were labelled again by helpers who saw only the
article, the list of answers and those rows. A row takes the second reader's label only when it
is the model's too (two readings against the writer's), and the reader did not name the writer's
label as a toss-up. Safety labels (emergency, self-harm) are never changed here: the red-flag
model learns from them.

Usage: PYTHONPATH=. python scripts/apply_label_audit.py bench/data/label_audit
    (reads key.tsv, and labels_*.tsv written by the readers; rewrites data/follow_ups/*.tsv)
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nlu.follow_up import NO_FOCUS, follow_up_fields
from safety.red_flag_model import RED_FLAG_LABELS
from settings import PROJECT_ROOT

FOLLOW_UPS = PROJECT_ROOT / "data" / "follow_ups"


@dataclass(frozen=True)
class Relabel:
    """One follow-up (the `index`-th of its file) and the label and focus it takes."""

    file: str
    index: int
    old: str
    label: str
    focus: str


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated file with a header line (quotes are text, as in messages)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def decide(audit: Path) -> tuple[list[Relabel], Counter[str]]:
    """The relabels the audit supports, and how every audited row was decided."""
    readings = {
        row["row"]: row for path in sorted(audit.glob("labels_*.tsv")) for row in read_tsv(path)
    }
    relabels: list[Relabel] = []
    outcome: Counter[str] = Counter()
    for row in read_tsv(audit / "key.tsv"):
        reading = readings.get(row["row"])
        if reading is None:
            raise ValueError(f"{audit}: row {row['row']} has no second reading")
        old, model, label = row["label"], row["model"], reading["label"]
        if label == old:
            outcome["the reader agrees with the writer"] += 1
        elif {old, label} & set(RED_FLAG_LABELS):
            outcome["a safety label: left as written"] += 1
        elif label != model:
            outcome["a third reading: left as written"] += 1
        elif reading["also"] == old:
            outcome["the reader calls it a toss-up: left as written"] += 1
        else:
            outcome["relabelled (reader and model agree)"] += 1
            relabels.append(Relabel(row["file"], int(row["index"]), old, label, reading["focus"]))
    return relabels, outcome


def relabelled(path: Path, relabels: dict[int, Relabel]) -> str:
    """The text of `path` with the label and focus of the follow-ups whose index (among the
    file's follow-ups, as read_follow_up_file reads them) is in `relabels` set. A row already
    carrying its audited label is left as it is (a second run changes nothing); a row with
    neither label means the file changed since the audit."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, (position, (previous, label, _focus, text)) in enumerate(
        follow_up_fields(path, lines)
    ):
        change = relabels.get(index)
        if change is None or label == change.label:
            continue
        if label != change.old:
            raise ValueError(
                f"{path.name}:{position + 1}: the audit read label {change.old},"
                f" the file has {label}"
            )
        lines[position] = "\t".join((previous, change.label, change.focus or NO_FOCUS, text)) + "\n"
    return "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("audit", type=Path, help="folder with key.tsv and labels_*.tsv")
    options = parser.parse_args()
    try:  # every reading and every file checked before any file is written
        relabels, outcome = decide(options.audit)
        by_file: dict[str, dict[int, Relabel]] = {}
        for relabel in relabels:
            by_file.setdefault(relabel.file, {})[relabel.index] = relabel
        texts = {name: relabelled(FOLLOW_UPS / name, changes) for name, changes in by_file.items()}
    except (OSError, ValueError) as error:
        print(f"nothing changed: {error}", file=sys.stderr)
        return 1
    for name, text in texts.items():
        (FOLLOW_UPS / name).write_text(text, encoding="utf-8")
    for what, count in outcome.most_common():
        print(f"{count:>5}  {what}")
    moves = Counter((r.old, r.label) for r in relabels)
    print("\nrelabelled (writer's label -> audited label):")
    for (old, new), count in moves.most_common():
        print(f"{count:>5}  {old} -> {new}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
