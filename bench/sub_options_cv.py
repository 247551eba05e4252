"""Choose the SubOptionClassifier's settings by cross-validation: one follow-up file out at a time.

    .venv/bin/python bench/sub_options_cv.py

Each file of data/follow_ups/ (one writer's messages) is scored by models trained on the others.
Only the messages that need an answer with parts (nlu/sub_option.PART_ENTITIES) and in which the
lookup tables of the trained model (models/current.tar.gz) name no part count, since the model is
used only for those. "part right": of the messages that name a part, the share given that part;
"part wrong": given another part; "whole kept": of the messages about the answer as a whole, the
share left with the overview. config.yml takes the row with the most parts right whose whole-kept
share is at least MIN_WHOLE_KEPT and whose wrong parts are at most MAX_PART_WRONG.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from nlu.answer_labels import PART_ENTITIES  # noqa: E402
from nlu.follow_up import follow_up_files, read_follow_up_file  # noqa: E402
from nlu.sub_option import SubOptionClassifier, predict_part, train_models  # noqa: E402
from settings import PROJECT_ROOT  # noqa: E402
from tests.support.agent import load_agent, parse_all  # noqa: E402
from tests.support.servers import MODEL  # noqa: E402

REGULARISATION = (3.0, 10.0, 30.0)
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
MIN_WHOLE_KEPT = 0.97
MAX_PART_WRONG = 0.05
MODEL_EXTRACTOR = SubOptionClassifier.__name__  # its own parts are not the lookups'


def main() -> int:
    print(f"$ {shlex.join(['.venv/bin/python', 'bench/sub_options_cv.py'])}\n")
    files = follow_up_files(PROJECT_ROOT / "data" / "follow_ups")
    by_file = [read_follow_up_file(path) for path in files]
    # The messages the model would see: an answer with parts, and no part named by the lookups
    candidates = [[f for f in rows if f.label in PART_ENTITIES] for rows in by_file]
    parses = iter(parse_all(load_agent(MODEL), [f.text for rows in candidates for f in rows]))
    unnamed = [
        [
            f
            for f in rows
            if not any(
                e["entity"] == PART_ENTITIES[f.label] and e.get("extractor") != MODEL_EXTRACTOR
                for e in next(parses)["entities"]
            )
        ]
        for rows in candidates
    ]
    named_total = sum(f.focus is not None for rows in unnamed for f in rows)
    whole_total = sum(f.focus is None for rows in unnamed for f in rows)
    print(
        f"{len(files)} files; messages with no part named by the lookups: {named_total} that name"
        f" one in other words, {whole_total} about the whole answer\n"
    )
    print(f"{'C':>5} {'threshold':>9} {'part right':>10} {'part wrong':>10} {'whole kept':>10}")
    rows_out = []
    for regularisation in REGULARISATION:
        folds = [
            (
                train_models(
                    [f for k, rows in enumerate(by_file) if k != out for f in rows], regularisation
                ),
                unnamed[out],
            )
            for out in range(len(files))
        ]
        for threshold in THRESHOLDS:
            right = wrong = kept = 0
            for models, left_out in folds:
                for follow_up in left_out:
                    part = predict_part(
                        models, follow_up.label, follow_up.previous, follow_up.text, threshold
                    )
                    focus = follow_up.focus
                    if focus is None:
                        kept += part is None
                    elif part == focus:
                        right += 1
                    elif part is not None:
                        wrong += 1
            rows_out.append(
                (
                    regularisation,
                    threshold,
                    right / named_total,
                    wrong / named_total,
                    kept / whole_total,
                )
            )
    for c, t, right, wrong, kept in rows_out:
        print(f"{c:>5g} {t:>9g} {right:>10.1%} {wrong:>10.1%} {kept:>10.1%}")
    best = max((r for r in rows_out if r[4] >= MIN_WHOLE_KEPT), key=lambda r: r[2], default=None)
    if best:
        print(
            f"\nchosen (whole kept >= {MIN_WHOLE_KEPT:.0%}): C {best[0]:g}, threshold {best[1]:g}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
