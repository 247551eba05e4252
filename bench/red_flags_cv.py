"""Choose the red-flag model's settings by 5-fold cross-validation on its training sets.

    .venv/bin/python bench/red_flags_cv.py

The messages of data/red_flags/ and the NLU training examples are split into five folds; each fold
is scored by a model trained on the other four and combined with the patterns as the detector
combines them (`safety.red_flags.combine`). False alarms are counted on the sets' ordinary
messages and, apart, on the NLU examples: everyday questions ("should I keep taking my pills?")
that must not raise an alarm either. The hold-out set in tests/ is never read. The patterns were
tuned on these sets, so the figures flatter them: compare rows with each other, not with the
hold-out figures. config.yml takes the row with the highest recall whose false alarms stay at or
under 3.5% on the sets and 0.5% on the NLU examples.
"""

from __future__ import annotations

import shlex
import sys
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

import numpy as np  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from safety.red_flag_model import (  # noqa: E402
    NO_FLAG,
    LabelledMessage,
    from_intent,
    label_probabilities,
    set_messages,
    train_model,
)
from safety.red_flags import (  # noqa: E402
    FLAG_BELOW,
    SELF_HARM_ABOVE,
    VETO_ABOVE,
    RedFlagDetector,
    combine,
)
from settings import PROJECT_ROOT  # noqa: E402
from tests.support.nlu_eval import load_examples  # noqa: E402
from tests.support.red_flag_sets import load_matcher  # noqa: E402

FOLDS = 5
REGULARISATION = (3.0, 10.0)
FLAG_BELOW_VALUES = (0.2, 0.3)
VETO_ABOVE_VALUES = (0.8, 0.9)
SELF_HARM_ABOVE_VALUES = (0.25, 0.3, 0.4, 0.5, 1.01)  # 1.01: only through flag_below


def nlu_messages() -> list[LabelledMessage]:
    """Every NLU training example: red-flag intents as themselves, the rest as none."""
    return [from_intent(e.text, e.intent) for e in load_examples(PROJECT_ROOT / "data" / "nlu")]


def main() -> int:
    root = PROJECT_ROOT / RedFlagDetector.get_default_config()["training_sets"]
    from_sets = set_messages(root)
    messages = from_sets + nlu_messages()
    labels = np.array([m.label for m in messages])
    from_nlu = np.arange(len(messages)) >= len(from_sets)
    matcher = load_matcher()
    assessments = [matcher.assess(matcher.nlp(m.text)) for m in messages]
    print(f"$ {shlex.join(['.venv/bin/python', 'bench/red_flags_cv.py'])}\n")
    print(f"{len(from_sets)} set messages, {from_nlu.sum()} NLU examples, {FOLDS} folds\n")
    print(
        f"{'C':>5} {FLAG_BELOW:>10} {VETO_ABOVE:>10} {SELF_HARM_ABOVE:>15} {'recall':>7}"
        f" {'self-harm recall':>16} {'set false alarms':>16} {'NLU false alarms':>16}"
    )
    for regularisation in REGULARISATION:
        chances: list[dict[str, float]] = [{} for _ in messages]
        folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
        for train, test in folds.split(np.zeros(len(messages)), labels):
            model = train_model([messages[i] for i in train], regularisation)
            for index, row in zip(
                test, label_probabilities(model, [messages[i].text for i in test]), strict=True
            ):
                chances[index] = row
        for flag_below, veto_above, self_harm_above in product(
            FLAG_BELOW_VALUES, VETO_ABOVE_VALUES, SELF_HARM_ABOVE_VALUES
        ):
            config = {
                FLAG_BELOW: flag_below,
                VETO_ABOVE: veto_above,
                SELF_HARM_ABOVE: self_harm_above,
            }
            found = [
                (flag.kind if (flag := combine(a, c, config)) else NO_FLAG)
                for a, c in zip(assessments, chances, strict=True)
            ]
            alarm = np.array(found) != NO_FLAG
            right = np.array(found) == labels
            red = labels != NO_FLAG
            recall = np.mean(right[red])
            self_harm_recall = np.mean(right[labels == "self_harm"])
            set_false_alarms = np.mean(alarm[~red & ~from_nlu])
            nlu_false_alarms = np.mean(alarm[~red & from_nlu])
            print(
                f"{regularisation:>5g} {flag_below:>10} {veto_above:>10} {self_harm_above:>15}"
                f" {recall:>7.1%}"
                f" {self_harm_recall:>16.1%} {set_false_alarms:>16.1%} {nlu_false_alarms:>16.1%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
