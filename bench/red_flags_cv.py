"""Choose the red-flag model's settings by cross-validation on its training sets, one set out.

    .venv/bin/python bench/red_flags_cv.py

Each set of data/red_flags/ is scored in turn by a model trained on the other sets (and on the
everyday messages: the NLU examples and the follow-ups, split into as many folds), combined with the
patterns as the detector combines them (`safety.red_flags.combine`). A set is one writer's messages,
so leaving a whole set out asks what a new hold-out set asks: how the detector does on wordings from
someone it never read. False alarms are counted on the sets' ordinary messages and, apart, on the
everyday messages: questions and follow-ups ("should I keep taking my pills?", "no, the pills") that
must not raise an alarm either. The hold-out sets in tests/ are never read. The patterns were tuned
on some of these sets, so the figures flatter them: compare rows with each other, not with the
hold-out figures. config.yml takes the row with the highest recall whose false alarms stay at or
under 1.75% on the sets and 0.3% on the everyday messages (0.5% until round 14, when the
development conversations showed "how much better will my life be" and "goodbye" drawing a crisis
reply). The limit on the sets is under the 2% target: the early blind hold-outs alarmed 0.7 to
2.3 points more often than this CV said; after round 9, with the limit at 1.5%, sets I, K and L
alarmed 1.6%, 1.6% and 0.7%, and recall (97.7%, 95.6%) fell short, so round 11 gives recall more
room.
"""

from __future__ import annotations

import shlex
import sys
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

import numpy as np  # noqa: E402

from safety.red_flag_model import (  # noqa: E402
    NO_FLAG,
    LabelledMessage,
    from_intent,
    label_probabilities,
    read_set,
    set_folders,
    train_model,
)
from safety.red_flags import (  # noqa: E402
    DENIED_HARM_ABOVE,
    FLAG_BELOW,
    OVERRULE_BELOW,
    SELF_HARM_ABOVE,
    SELF_HARM_VETO_ABOVE,
    VETO_ABOVE,
    RedFlagDetector,
    RedFlagMatcher,
    combine,
    everyday_follow_ups,
)
from settings import PROJECT_ROOT  # noqa: E402
from tests.support.nlu_eval import load_examples  # noqa: E402
from tests.support.red_flag_sets import load_matcher  # noqa: E402

REGULARISATION = (3.0, 10.0)
FLAG_BELOW_VALUES = (0.2, 0.3, 0.4, 0.5)
VETO_ABOVE_VALUES = (0.7, 0.8, 0.9)
SELF_HARM_ABOVE_VALUES = (0.3, 0.4, 0.5, 1.01)  # 1.01: only through flag_below
SELF_HARM_VETO_ABOVE_VALUES = (0.8, 0.9, 1.01)  # 1.01: never
OVERRULE_BELOW_VALUES = (-1.0, 0.1, 0.2)  # -1: never
DENIED_HARM_ABOVE_VALUES = (0.0, 0.8, 0.95, 1.01)  # 0: a denial changes nothing; 1.01: it stands
MOST_SET_FALSE_ALARMS = 0.0175  # the last blind sets (I, K, L) alarmed 1.6%, 1.6%, 0.7% at 1.5%
MOST_NLU_FALSE_ALARMS = 0.003  # round 14: crisis replies to everyday turns (dev conversations)
SETTINGS = (
    FLAG_BELOW,
    VETO_ABOVE,
    SELF_HARM_ABOVE,
    SELF_HARM_VETO_ABOVE,
    OVERRULE_BELOW,
    DENIED_HARM_ABOVE,
)
SHOWN = 15  # rows printed: the best within the false-alarm limits, then the best outside them


def everyday_messages(matcher: RedFlagMatcher) -> list[LabelledMessage]:
    """Every NLU training example and follow-up, as the detector trains on them: red-flag
    intents as themselves, the rest as none."""
    return [
        from_intent(e.text, e.intent) for e in load_examples(PROJECT_ROOT / "data" / "nlu")
    ] + everyday_follow_ups(RedFlagDetector.get_default_config(), matcher)


def main() -> int:
    root = PROJECT_ROOT / RedFlagDetector.get_default_config()["training_sets"]
    folders = set_folders(root)
    sets = [read_set(folder) for folder in folders]
    from_sets = [message for messages in sets for message in messages]
    matcher = load_matcher()
    nlu = everyday_messages(matcher)
    messages = from_sets + nlu
    # Fold k: the k-th set, and every len(sets)-th NLU example from k on
    fold_of = np.array(
        [k for k, messages in enumerate(sets) for _ in messages]
        + [i % len(sets) for i in range(len(nlu))]
    )
    labels = np.array([m.label for m in messages])
    from_nlu = np.arange(len(messages)) >= len(from_sets)
    assessments = [matcher.assess(matcher.nlp(m.text)) for m in messages]
    print(f"$ {shlex.join(['.venv/bin/python', 'bench/red_flags_cv.py'])}\n")
    print(
        f"{len(from_sets)} set messages in {len(sets)} sets"
        f" ({', '.join(folder.name for folder in folders)}), {from_nlu.sum()} everyday messages\n"
    )
    rows: list[tuple[float, ...]] = []
    for regularisation in REGULARISATION:
        chances: list[dict[str, float]] = [{} for _ in messages]
        for fold in range(len(sets)):
            train, test = np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)
            model = train_model([messages[i] for i in train], regularisation)
            for index, row in zip(
                test, label_probabilities(model, [messages[i].text for i in test]), strict=True
            ):
                chances[index] = row
        for settings in product(
            FLAG_BELOW_VALUES,
            VETO_ABOVE_VALUES,
            SELF_HARM_ABOVE_VALUES,
            SELF_HARM_VETO_ABOVE_VALUES,
            OVERRULE_BELOW_VALUES,
            DENIED_HARM_ABOVE_VALUES,
        ):
            config = dict(zip(SETTINGS, settings, strict=True))
            found = np.array(
                [
                    (flag.kind if (flag := combine(a, c, config)) else NO_FLAG)
                    for a, c in zip(assessments, chances, strict=True)
                ]
            )
            red = labels != NO_FLAG
            rows.append(
                (
                    regularisation,
                    *settings,
                    np.mean((found == labels)[red]),
                    np.mean((found == labels)[labels == "self_harm"]),
                    np.mean((found != NO_FLAG)[~red & ~from_nlu]),
                    np.mean((found != NO_FLAG)[~red & from_nlu]),
                )
            )
    within = [r for r in rows if r[-2] <= MOST_SET_FALSE_ALARMS and r[-1] <= MOST_NLU_FALSE_ALARMS]
    outside = [r for r in rows if r not in within]
    names = ["C", *SETTINGS, "recall", "self-harm recall", "set FA", "everyday FA"]
    print(" ".join(f"{name:>{len(name) + 1}}" for name in names))
    for title, shown in (("within", within), ("outside", outside)):
        print(f"-- {title} the false-alarm limits ({len(shown)} rows), best recall first")
        for row in sorted(shown, key=lambda r: (-r[-4], r[-2]))[:SHOWN]:
            cells = [f"{value:g}" for value in row[:-4]] + [f"{value:.1%}" for value in row[-4:]]
            print(" ".join(f"{c:>{len(n) + 1}}" for c, n in zip(cells, names, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
