"""Choose the follow-up classifier's settings by cross-validation on its data, one file out.

    .venv/bin/python bench/follow_ups_cv.py [--c 10] [--pairings 3] [--weight 3]
        [--question-words 1] [--spelling 0 1] [--held-out written_9.tsv written_10.tsv]
        [--gates [--fallback 0.3] [--answer-threshold 0.5] [--margin 0.1]]

Each option narrows the grid to the values given (a run of the whole grid takes many hours);
--held-out scores only the files named (each still trained on all the others), for a quicker run.

Each file of data/follow_ups/ (one writer's follow-ups) is scored in turn by a model trained on
the other files and on the NLU examples of all but one fold. Figures per setting: follow-ups
right (the held-out file), those of several sentences right (stories), stand-alone questions
right when asked after some other answer (the NLU examples of the held-out fold, each after a
previous answer drawn at random): a topic switch must still get its own answer; those examples
right as a conversation's first message (openings), and the first messages of several sentences
right (opening stories). With --gates, also what the pipeline's fallback and answer gates make of
all those predictions at each setting given (bench/gates.py; config.yml's where none is given).
The hold-out conversations in tests/ are never read.
"""

from __future__ import annotations

import argparse
import random
import shlex
import sys
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

import numpy as np  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

from bench.gates import gate_grid, print_gate_table  # noqa: E402
from nlu.follow_up import (  # noqa: E402
    NOT_A_CONTEXT,
    OPENING,
    TRAINING_SETS,
    FollowUpClassifier,
    asked_words,
    follow_up_files,
    model_input,
    read_follow_up_file,
    train_model,
)
from settings import PROJECT_ROOT  # noqa: E402
from tests.support.nlu_eval import load_examples  # noqa: E402

C_VALUES = (3.0, 10.0)
PAIRINGS = (1, 3)
FOLLOW_UP_WEIGHTS = (1.0, 3.0)
QUESTION_WORDS = (0, 1)
SPELLING = (0, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--c", type=float, nargs="+", default=C_VALUES)
    parser.add_argument("--pairings", type=int, nargs="+", default=PAIRINGS)
    parser.add_argument("--weight", type=float, nargs="+", default=FOLLOW_UP_WEIGHTS)
    parser.add_argument("--question-words", type=int, nargs="+", default=QUESTION_WORDS)
    parser.add_argument("--spelling", type=int, nargs="+", default=SPELLING)
    parser.add_argument("--held-out", nargs="+", help="score only these files (default: each)")
    parser.add_argument("--gates", action="store_true", help="also sweep the gates, per setting")
    parser.add_argument("--fallback", type=float, nargs="+", help="FallbackClassifier thresholds")
    parser.add_argument(
        "--answer-threshold", type=float, nargs="+", help="AnswerConfidenceGate thresholds"
    )
    parser.add_argument("--margin", type=float, nargs="+", help="AnswerConfidenceGate margins")
    options = parser.parse_args()
    root = PROJECT_ROOT / FollowUpClassifier.get_default_config()[TRAINING_SETS]
    files = follow_up_files(root)
    unknown = sorted(set(options.held_out or ()) - {path.name for path in files})
    if unknown:
        parser.error(f"no such follow-up file: {', '.join(unknown)}")
    follow_ups = [read_follow_up_file(path) for path in files]
    examples = [(e.text, e.label) for e in load_examples(PROJECT_ROOT / "data" / "nlu")]
    previous_answers = sorted({label for _, label in examples} - NOT_A_CONTEXT)
    fold_of_example = [i % len(files) for i in range(len(examples))]
    print(f"$ {shlex.join(['.venv/bin/python', 'bench/follow_ups_cv.py', *sys.argv[1:]])}\n")
    print(
        f"{sum(map(len, follow_ups))} follow-ups in {len(files)} files"
        f" ({', '.join(path.name for path in files)}), {len(examples)} NLU examples\n"
    )
    print(
        f"{'C':>5} {'pairings':>8} {'weight':>6} {'question':>8} {'spelling':>8}"
        f" {'follow-ups':>10} {'stories':>8} {'topic switches':>14} {'openings':>8}"
        f" {'opening stories':>15}"
    )
    grid = product(
        options.c, options.pairings, options.weight, options.question_words, options.spelling
    )
    for regularisation, pairings, weight, question_words, spelling in grid:
        config = {
            "C": regularisation,
            "pairings": pairings,
            "follow_up_weight": weight,
            "question_words": bool(question_words),
            "spelling": bool(spelling),
        }
        rng = random.Random(0)  # every setting gets the same topic switches
        right_follow_ups: list[bool] = []
        right_stories: list[bool] = []
        right_switches: list[bool] = []
        right_openings: list[bool] = []
        right_opening_stories: list[bool] = []
        answers: list[dict[str, float]] = []  # every scored message's probabilities (--gates)
        labels: list[str] = []
        for fold, path in enumerate(files):
            if options.held_out and path.name not in options.held_out:
                continue
            train_follow_ups = [f for k, file in enumerate(follow_ups) if k != fold for f in file]
            train_examples = [
                e for e, k in zip(examples, fold_of_example, strict=True) if k != fold
            ]
            model = train_model(train_follow_ups, train_examples, config)
            held_out = follow_ups[fold]
            held_inputs = [model_input(f.previous, f.text) for f in held_out]
            right = score(model, held_inputs, [f.label for f in held_out], answers, labels)
            right_follow_ups += right
            right_stories += [
                ok for ok, text in zip(right, held_inputs, strict=True) if asked_words(text)
            ]
            switches = [e for e, k in zip(examples, fold_of_example, strict=True) if k == fold]
            inputs = [model_input(rng.choice(previous_answers), text) for text, _ in switches]
            switch_labels = [label for _, label in switches]
            right_switches += score(model, inputs, switch_labels, answers, labels)
            inputs = [model_input(OPENING, text) for text, _ in switches]
            right = score(model, inputs, switch_labels, answers, labels)
            right_openings += right
            right_opening_stories += [
                ok for ok, text in zip(right, inputs, strict=True) if asked_words(text)
            ]
            print(f"  ({path.name} out)", end="\r", file=sys.stderr)
        print(
            f"{regularisation:>5g} {pairings:>8} {weight:>6g} {bool(question_words)!s:>8}"
            f" {bool(spelling)!s:>8} {np.mean(right_follow_ups):>10.1%}"
            f" {np.mean(right_stories):>8.1%}"
            f" {np.mean(right_switches):>14.1%} {np.mean(right_openings):>8.1%}"
            f" {np.mean(right_opening_stories):>15.1%}"
        )
        if options.gates:
            grid = gate_grid(options.fallback, options.answer_threshold, options.margin)
            print_gate_table(answers, labels, grid)
            print()
    return 0


def score(
    model: Pipeline,
    inputs: list[str],
    expected: list[str],
    answers: list[dict[str, float]],
    labels: list[str],
) -> list[bool]:
    """For each model input, whether the model gives its expected label; each input's answer
    probabilities and label are added to `answers` and `labels`."""
    rows = model.predict_proba(inputs)
    answers += [dict(zip(model.classes_, row.tolist(), strict=True)) for row in rows]
    labels += expected
    predicted = model.classes_[rows.argmax(axis=1)]
    return [p == label for p, label in zip(predicted, expected, strict=True)]


if __name__ == "__main__":
    sys.exit(main())
