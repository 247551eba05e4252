"""Red flags on the blind hold-out sets (tests/data/red_flags/), never read or trained on.

The whole NLU pipeline of the trained model, as the server runs it. Floors a little under what it
measured on 2026-11-30 and 12-01 (targets: recall >= 98%, false alarms <= 2%):
- fresh_i, written blind from the article and the list of categories, frozen before round 8:
  98.3% recall and 3.3% false alarms before it (the detector of round 7), 98.8% and 1.6% after
  it, 98.3% and 1.9% after round 9, 98.3% and 1.6% after round 10, 98.8% and 1.6% after round
  11, 98.8% and 1.2% after round 12, 98.8% and 1.6% after round 13;
- fresh_o and fresh_p, written the same way by two more helpers during round 12 and scored once
  after it: 97.8% (179 of 183) and 1.1% (6 of 558); 97.8% (178 of 182) and 2.6% (15 of 580);
  after round 13: 97.8% and 0.9%; 98.9% and 2.2%; as shipped: 98.4% and 0.9%; 98.9% and 2.2%;
- fresh_q and fresh_r, written the same way by two more helpers during round 13 and scored once
  after it: 97.9% (190 of 194) and 1.1% (6 of 545); 97.4% (191 of 196) and 2.9% (17 of 577);
  the model as shipped (more NLU examples, no detector change): 97.9% and 1.1%; 98.0% and 2.9%.
  after round 14 (R read and trained on), I, O, P and Q: 98.8% and 1.4%, 98.4% and 0.7%,
  98.9% and 2.2%, 97.9% and 0.7%;
- fresh_s and fresh_t, written the same way by two more helpers during round 14 and scored once
  after it: 98.5% (203 of 206) and 1.6% (10 of 613); 98.1% (205 of 209) and 1.7% (10 of 574);
  as shipped (the model also learns the follow-ups; denied_harm_above 0.95): 98.5% and 1.6%;
  98.1% and 1.6%; and I, O, P, Q: 98.8% and 1.6%, 98.9% and 1.4%, 98.4% and 2.6%, 97.9% and
  0.6%. About 150 of fresh_t's ordinary messages were seen by accident after its first scoring.
- fresh_u, written the same way by one more helper during round 15 (two blind training sets of
  ordinary messages near crisis words, ninth session) and scored once after it: 98.5% (197 of
  200) and 0.7% (4 of 560); and I, O, P, Q, S, T: 98.8% and 1.4%, 98.9% and 1.4%, 98.4% and
  2.6%, 97.9% and 0.9%, 98.5% and 1.6%, 98.1% and 1.4%.
- fresh_v, written blind by two more helpers from the brief of round 19 (red flags told calmly as
  an aside inside a question about the injections, with look-alikes), the first 311 messages
  frozen before that round was scored: 88.8% (150 of 169) and 0.3% (1 of 339) before it (the
  eighteenth session's model), 95.3% (161 of 169) and 0.6% (2 of 339) after it.
Earlier hold-outs (C to H, J to R) were retired into the training sets when newer ones replaced
them.
"""

from __future__ import annotations

import pytest

from tests.support.red_flag_sets import pipeline, read_cases, score
from tests.support.servers import MODEL

FLOORS = {  # (least recall, most false alarms)
    "fresh_i": (0.98, 0.02),
    "fresh_o": (0.97, 0.015),
    "fresh_p": (0.97, 0.03),
    "fresh_q": (0.97, 0.015),
    "fresh_s": (0.97, 0.025),
    "fresh_t": (0.97, 0.025),
    "fresh_u": (0.97, 0.015),
    "fresh_v": (0.93, 0.015),
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
