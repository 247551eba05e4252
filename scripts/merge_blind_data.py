"""Merge training data written blind by a helper into data/, leaving out what must not be trained.

Left out, and counted: near copies of any hold-out or development message
(tests/support/near_copies.py), messages the training data already holds, repeats, and lines
whose label (or sub-option) the bot does not have. Three kinds of file:

- follow-ups: `previous<TAB>label<TAB>focus<TAB>message` lines (`previous` an answer, or one
  part of one: `ask_post_care/heat`) -> data/follow_ups/NAME.tsv
- first messages: `label<TAB>message` lines -> a new block at the end of data/nlu/realistic.yml
- red-flag set: a folder with emergency.txt (`kind<TAB>message`) and ordinary.txt
  -> data/red_flags/NAME/

Usage: PYTHONPATH=. python scripts/merge_blind_data.py follow-ups|first-messages|red-flag-set
       SOURCE --about "who wrote it, when, how" [--name NAME]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from nlu.answer_labels import answer_context
from nlu.follow_up import NO_FOCUS, read_follow_ups
from safety.red_flag_model import RED_FLAG_LABELS, read_set, set_messages
from settings import PROJECT_ROOT
from tests.support.near_copies import kept_apart, near_copies
from tests.support.nlu_eval import load_examples

DATA = PROJECT_ROOT / "data"
REALISTIC = DATA / "nlu" / "realistic.yml"
NEAR_COPY = "near copy of a hold-out or development message"
KNOWN = "already known or repeated"


def tab_lines(path: Path, fields: int) -> tuple[list[list[str]], int]:
    """The lines of `path` with exactly `fields` non-empty tab-separated fields, and how many
    other (non-blank) lines there were."""
    rows, malformed = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        if len(parts) == fields and all(parts):
            rows.append(parts)
        else:
            malformed += 1
    return rows, malformed


def keep(
    rows: list[list[str]], text_of: Callable[[list[str]], str], known: Iterable[str]
) -> tuple[list[list[str]], dict[str, int]]:
    """`rows` without near copies of kept-apart messages, texts in `known` and repeats."""
    apart = set(near_copies((text_of(row) for row in rows), kept_apart()))
    seen = {text.lower() for text in known}
    kept, dropped = [], dict.fromkeys((NEAR_COPY, KNOWN), 0)
    for row in rows:
        text = text_of(row)
        if text in apart:
            dropped[NEAR_COPY] += 1
        elif text.lower() in seen:
            dropped[KNOWN] += 1
        else:
            seen.add(text.lower())
            kept.append(row)
    return kept, dropped


def answer_labels() -> set[str]:
    """Every answer the NLU data teaches (`faq/causes`, `ask_procedure`, ...)."""
    return {example.label for example in load_examples(DATA / "nlu")}


def summary(kept: list, malformed: int, unknown: int, dropped: dict[str, int]) -> dict[str, int]:
    """What a merge did, line by line, for the report."""
    return {"merged": len(kept), "malformed": malformed, "unknown label": unknown} | dropped


def merge_follow_ups(source: Path, name: str, about: str) -> dict[str, int]:
    rows, malformed = tab_lines(source, 4)
    labels = answer_labels()
    existing = read_follow_ups(DATA / "follow_ups")
    parts = {(f.label, f.focus) for f in existing if f.focus}  # the sub-options each answer has
    contexts = labels | set(RED_FLAG_LABELS) | {answer_context(*part) for part in parts}
    valid = [
        row
        for row in rows
        if row[0] in contexts
        and row[1] in labels
        and (row[2] == NO_FOCUS or (row[1], row[2]) in parts)
    ]
    kept, dropped = keep(valid, lambda row: row[3], (f.text for f in existing))
    header = f"# {about}\n# previous, answer, sub-option, message\n"
    body = "".join("\t".join(row) + "\n" for row in kept)
    (DATA / "follow_ups" / f"{name}.tsv").write_text(header + body, encoding="utf-8")
    return summary(kept, malformed, len(rows) - len(valid), dropped)


def merge_first_messages(source: Path, about: str) -> dict[str, int]:
    lines, malformed = tab_lines(source, 2)
    rows = [row for row in lines if "[" not in row[1] and "]" not in row[1]]  # Rasa's entity marks
    malformed += len(lines) - len(rows)
    examples = load_examples(DATA / "nlu")
    labels = {example.label for example in examples}
    valid = [row for row in rows if row[0] in labels]
    kept, dropped = keep(valid, lambda row: row[1], (example.text for example in examples))
    blocks: dict[str, list[str]] = {}
    for label, text in kept:
        blocks.setdefault(label, []).append(text)
    block = [f"  # {about}"]
    for label in sorted(blocks):
        block += [f"  - intent: {label}", "    examples: |"]
        block += [f"      - {text}" for text in blocks[label]]
    with REALISTIC.open("a", encoding="utf-8") as realistic:
        realistic.write("\n".join(block) + "\n")
    return summary(kept, malformed, len(rows) - len(valid), dropped)


def merge_red_flag_set(source: Path, name: str, about: str) -> dict[str, int]:
    messages = read_set(source)
    known = [m.text for m in set_messages(DATA / "red_flags")]
    rows = [[m.label, m.text] for m in messages]
    kept, dropped = keep(rows, lambda row: row[1], known)
    folder = DATA / "red_flags" / name
    folder.mkdir(parents=True)
    header = f"# {about}\n"
    red_flags = "".join(f"{label}\t{text}\n" for label, text in kept if label in RED_FLAG_LABELS)
    ordinary = "".join(f"{text}\n" for label, text in kept if label not in RED_FLAG_LABELS)
    (folder / "emergency.txt").write_text(header + red_flags, encoding="utf-8")
    (folder / "ordinary.txt").write_text(header + ordinary, encoding="utf-8")
    return {"merged": len(kept), **dropped}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["follow-ups", "first-messages", "red-flag-set"])
    parser.add_argument("source", type=Path)
    parser.add_argument("--about", required=True, help="provenance, written as a comment")
    parser.add_argument("--name", help="file or folder name (follow-ups, red-flag set)")
    args = parser.parse_args()
    if args.kind != "first-messages" and not args.name:
        sys.exit(f"{args.kind} needs --name")
    if not args.source.exists():
        sys.exit(f"no such file or folder: {args.source}")
    target = {
        "follow-ups": DATA / "follow_ups" / f"{args.name}.tsv",
        "red-flag-set": DATA / "red_flags" / str(args.name),
    }.get(args.kind)
    if target is not None and target.exists():
        sys.exit(f"{target} exists already: choose another --name")
    if args.kind == "follow-ups":
        counts = merge_follow_ups(args.source, args.name, args.about)
    elif args.kind == "first-messages":
        counts = merge_first_messages(args.source, args.about)
    else:
        counts = merge_red_flag_set(args.source, args.name, args.about)
    for what, count in counts.items():
        print(f"{count:6d}  {what}")


if __name__ == "__main__":
    main()
