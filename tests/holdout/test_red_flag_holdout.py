"""Red flags on the blind hold-out sets (tests/data/red_flags/), never trained on.

The whole NLU pipeline of the trained model, as the server runs it. Floors a little under what it
measures on 2026-11-30; the targets (recall >= 98%, false alarms <= 2%) are not met yet.
- fresh_c was scored after each of the last rounds of changes (guided only by its per-kind miss
  counts) and its misses were seen once in a failure message: 94.2% recall, 1.9% false alarms.
- fresh_d was written after every change and scored once, unread: 90.9% recall, 5.3% false
  alarms. It is the honest figure of the detector as shipped.
"""

from __future__ import annotations

import pytest

from tests.support.red_flag_sets import pipeline, read_cases, score
from tests.support.servers import MODEL

FLOORS = {"fresh_e": (0.96, 0.045)}  # (least recall, most false alarms)


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
