"""Red flags on the hold-out set (tests/data/red_flags/fresh_c): written blind, never trained on.

Its messages were never read while the detector changed; it was scored after each of the last
rounds of changes (guided only by its per-kind miss counts: self-harm was weak). Its misses were
seen once after the last change, in this test's failure message: the next round of changes needs
a new blind set.

The whole NLU pipeline of the trained model, as the server runs it. Floors a little under what it
measures (recall 94.2%, false alarms 1.9% on 2026-11-30); the recall target (98%) is not met yet.
"""

from __future__ import annotations

import pytest

from tests.support.red_flag_sets import pipeline, read_cases, score
from tests.support.servers import MODEL

HOLDOUT_SET = "fresh_c"
RECALL_FLOOR = 0.94
FALSE_ALARM_CEILING = 0.02


@pytest.mark.holdout
def test_the_pipeline_catches_red_flags_it_never_saw_and_rarely_alarms() -> None:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does it for you)")
    result = score(pipeline(MODEL), read_cases(HOLDOUT_SET))
    wrong = "\n".join(f"{o.expected} -> {o.kind}: {o.case.text}" for o in result.wrong)
    assert result.recall >= RECALL_FLOOR, f"recall {result.recall:.1%}:\n{wrong}"
    assert (
        result.false_alarm_rate <= FALSE_ALARM_CEILING
    ), f"false alarms {result.false_alarm_rate:.1%}:\n{wrong}"
