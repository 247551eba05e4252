"""How often the lookup tables name the part a follow-up asks about: Rasa's RegexEntityExtractor
against this bot's PartNameExtractor (nlu/part_names.py), on the same tables and synonyms.

    .venv/bin/python bench/part_names.py

Every follow-up of data/follow_ups/ that needs an answer with parts counts. "right": its `focus`
column names a part and that part is found; "wrong": another part and not that one; "none": no
part; "whole named": a question about the whole answer given a part. No model is trained or
loaded: this measures the lookups alone (bench/sub_options_cv.py scores the model that steps in
where they name nothing).
"""

from __future__ import annotations

import re
import shlex
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from rasa.nlu.utils.pattern_utils import extract_patterns  # noqa: E402
from rasa.shared.nlu.training_data.loading import load_data  # noqa: E402

from actions.answers import ALTERNATIVE_KINDS, CARE_STEPS, MUSCLES, SIDE_EFFECTS  # noqa: E402
from nlu.answer_labels import PART_ENTITIES  # noqa: E402
from nlu.follow_up import read_follow_ups  # noqa: E402
from nlu.part_names import PartNames, lookup_tables  # noqa: E402
from settings import PROJECT_ROOT  # noqa: E402

# entity -> each value the action reads -> the part it answers with
PARTS = {
    "muscle": {name: name for name in MUSCLES},
    "side_effect": {name: name for name in SIDE_EFFECTS},
    "care_step": {name: name for name in CARE_STEPS},
    "alternative": ALTERNATIVE_KINDS,
}
Finder = Callable[[str], list[tuple[str, str]]]  # text -> (entity, value as written)


def regex_finder(patterns: list[dict]) -> Finder:
    """What the RegexEntityExtractor finds (lookup tables, case-insensitive, whole words)."""
    compiled = [(p["name"], re.compile(p["pattern"], re.IGNORECASE)) for p in patterns]
    return lambda text: [
        (name, match.group(0)) for name, pattern in compiled for match in pattern.finditer(text)
    ]


def part_name_finder(names: PartNames) -> Finder:
    return lambda text: [(e["entity"], e["value"]) for e in names.find(text)]


def score(find: Finder, synonyms: dict[str, str]) -> Counter[str]:
    """right / wrong / none / whole named / whole kept, over the follow-ups with parts."""
    counts: Counter[str] = Counter()
    for follow_up in read_follow_ups(PROJECT_ROOT / "data" / "follow_ups"):
        entity = PART_ENTITIES.get(follow_up.label)
        if entity is None:
            continue
        known = PARTS[entity]
        found = (
            synonyms.get(value.lower(), value.lower())
            for name, value in find(follow_up.text)
            if name == entity
        )
        parts = {known[value] for value in found if value in known}
        if follow_up.focus is None:
            counts["whole named" if parts else "whole kept"] += 1
        elif known.get(follow_up.focus, follow_up.focus) in parts:
            counts["right"] += 1
        else:
            counts["wrong" if parts else "none"] += 1
    return counts


def main() -> int:
    print(f"$ {shlex.join(['.venv/bin/python', 'bench/part_names.py'])}\n")
    data = load_data(str(PROJECT_ROOT / "data" / "nlu"))
    synonyms = data.entity_synonyms
    finders = {
        "RegexEntityExtractor": regex_finder(extract_patterns(data, use_lookup_tables=True)),
        "PartNameExtractor": part_name_finder(PartNames.from_tables(lookup_tables(data))),
    }
    print(f"{'extractor':<21} {'right':>7} {'wrong':>6} {'none':>6} {'whole named':>12}")
    for name, find in finders.items():
        counts = score(find, synonyms)
        named = counts["right"] + counts["wrong"] + counts["none"]
        whole = counts["whole named"] + counts["whole kept"]
        print(
            f"{name:<21} {counts['right'] / named:>7.1%} {counts['wrong'] / named:>6.1%}"
            f" {counts['none'] / named:>6.1%} {counts['whole named'] / whole:>12.1%}"
        )
    print(f"\n({named} follow-ups name a part, {whole} ask about the whole answer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
