"""Red flags on the blind hold-out sets (tests/data/red_flags/), never read or trained on.

The whole NLU pipeline of the trained model, as the server runs it. Floors a little under what it
measured on 2026-11-30 (targets: recall >= 98%, false alarms <= 2%):
- fresh_e, frozen before round 6 and scored before it (96.6%, 4.5%) and after rounds 6 and 7
  (98.3%, 2.0%);
- fresh_f, written during round 6, scored once after it (98.9%, 2.8%) and after round 7
  (98.9%, 3.6%);
- fresh_g, written during round 7, scored once after it: 97.7% recall, 2.7% false alarms;
- fresh_h, written after round 7 and scored once, with no change after it: 100% recall, 3.3%
  false alarms. G and H are the honest figures of the detector as shipped.
Earlier hold-outs (C, D) were retired into the training sets when E replaced them.
"""

from __future__ import annotations

import pytest

from tests.support.red_flag_sets import pipeline, read_cases, score
from tests.support.servers import MODEL

FLOORS = {  # (least recall, most false alarms)
    "fresh_e": (0.98, 0.025),
    "fresh_f": (0.98, 0.04),
    "fresh_g": (0.97, 0.03),
    "fresh_h": (0.98, 0.04),
}


@pytest.mark.holdout
@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_the_pipeline_catches_red_flags_it_never_saw_and_rarely_alarms(set_name: str) -> None:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does it for you)")
    result = score(pipeline(MODEL), read_cases(set_name))
    least_recall, most_false_alarms = FLOORS[set_name]
    # Counts only: the messages of a hold-out set are not printed, so a failure does not leak them
    assert result.recall >= least_recall, f"recall {result.recall:.1%}"
    assert (
        result.false_alarm_rate <= most_false_alarms
    ), f"false alarms {result.false_alarm_rate:.1%}"
