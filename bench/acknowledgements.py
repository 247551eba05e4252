"""What the bot makes of "ok so a week or so, got it" and of "ok so i can still drive after" right
after an answer, with the acknowledgement gate (nlu/acknowledgement_gate.py) and without it.

    .venv/bin/python bench/acknowledgements.py

The set, tests/data/acknowledgements_holdout.tsv, was written blind (from the article and the
list of answers) and is never trained on or printed. An acknowledgement should be taken in ("yes"
or thanks), never answered again; a question that looks like one should never be taken in. Both
rows come from one model, models/current.tar.gz, in one run: the second loaded with the gate's
`process` replaced by a pass-through. Scoring: tests/support/acknowledgement_eval.py.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from nlu.acknowledgement_gate import AcknowledgementGate  # noqa: E402
from tests.support.acknowledgement_eval import KINDS, OUTCOMES, evaluate, load_lines  # noqa: E402
from tests.support.agent import load_agent  # noqa: E402
from tests.support.servers import MODEL  # noqa: E402


def main() -> int:
    print(f"$ {shlex.join(['.venv/bin/python', 'bench/acknowledgements.py', *sys.argv[1:]])}\n")
    lines = load_lines()
    rows = {"with the gate": evaluate(load_agent(MODEL), lines)}
    # Rasa's graph takes each component's method when it loads a model: patch, then load anew
    with mock.patch.object(AcknowledgementGate, "process", lambda self, messages: messages):
        without = load_agent.__wrapped__(MODEL)
    rows["without it"] = evaluate(without, lines)
    for kind in KINDS:
        total = sum(rows["with the gate"][kind].values())
        print(f"{kind} ({total} messages)")
        print(f"{'':14}" + "".join(f"{name:>16}" for name in OUTCOMES))
        for label, counts in rows.items():
            print(
                f"{label:14}" + "".join(f"{counts[kind][name] / total:>16.1%}" for name in OUTCOMES)
            )
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
