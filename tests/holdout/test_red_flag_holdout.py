"""Red flags on the blind hold-out sets (tests/data/red_flags/), never read or trained on.

The whole NLU pipeline of the trained model, as the server runs it. Floors a little under what it
measured on 2026-11-30 (targets: recall >= 98%, false alarms <= 2%):
- fresh_i, written blind from the article and the list of categories, frozen before round 8:
  98.3% recall and 3.3% false alarms before it (the detector of round 7), 98.8% and 1.6% after
  it, 98.3% and 1.9% after round 9, 98.3% and 1.6% after round 10;
- fresh_l, written the same way by another helper during round 10 and scored once after it:
  95.6% recall (172 of 180) and 0.7% false alarms (3 of 424).
Earlier hold-outs (C to H, J, K) were retired into the training sets when newer ones replaced them.
"""

from __future__ import annotations

import pytest

from tests.support.red_flag_sets import pipeline, read_cases, score
from tests.support.servers import MODEL

FLOORS = {  # (least recall, most false alarms)
    "fresh_i": (0.975, 0.025),
    "fresh_l": (0.95, 0.015),
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
