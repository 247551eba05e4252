"""The rule bench/red_flags_cv.py ranks the red-flag settings by (config.yml takes the first)."""

from __future__ import annotations

from bench.red_flags_cv import NEAR_TIE, ranked


def row(name: float, recall: float, set_alarms: float, everyday_alarms: float) -> tuple[float, ...]:
    """A result row: its settings (one number naming it here), then recall, self-harm recall,
    false alarms on the sets and on the everyday messages."""
    return (name, recall, recall, set_alarms, everyday_alarms)


def test_the_best_recall_comes_first_when_no_other_row_is_near_it() -> None:
    best, other = row(1, 0.98, 0.016, 0.003), row(2, 0.98 - 2 * NEAR_TIE, 0.010, 0.001)
    assert ranked([other, best]) == [best, other]


def test_a_near_tie_goes_to_the_fewest_everyday_false_alarms() -> None:
    best = row(1, 0.983, 0.017, 0.003)
    near = row(2, 0.983 - NEAR_TIE / 2, 0.016, 0.002)
    far = row(3, 0.983 - 2 * NEAR_TIE, 0.010, 0.001)
    assert ranked([best, far, near]) == [near, best, far]


def test_equal_recall_and_everyday_alarms_go_to_fewer_alarms_on_the_sets() -> None:
    first, second = row(1, 0.98, 0.014, 0.002), row(2, 0.98, 0.016, 0.002)
    assert ranked([second, first]) == [first, second]
    assert ranked([]) == []
