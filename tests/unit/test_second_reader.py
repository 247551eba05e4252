"""The second reader's labels of the conversation hold-out, and the agreement figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.conversation_eval import (
    Conversation,
    ConversationReport,
    Turn,
    TurnResult,
    load_conversations,
)
from tests.support.second_reader import (
    THIRD_READER,
    Agreement,
    Reading,
    load_readings,
    readings_as_replies,
    scored_against,
    settle,
    sides,
)


def _turn(expect: str, focus: str | None = None) -> Turn:
    return Turn("a message", expect, focus)


def _agreement(rows: list[tuple[Turn, str, tuple[str, ...], Reading]]) -> Agreement:
    """One conversation per row: (hold-out turn, the bot's answer, its responses, 2nd reading)."""
    conversations = [Conversation(f"c{i}", (turn,)) for i, (turn, *_) in enumerate(rows)]
    report = ConversationReport([[TurnResult(t, answer, sent)] for t, answer, sent, _ in rows])
    readings = {(f"c{i}", 1): reading for i, (*_, reading) in enumerate(rows)}
    return Agreement.of(report, conversations, readings)


def test_figures_count_each_reader_and_the_toss_ups() -> None:
    agreement = _agreement(
        [
            # both readers agree and the bot is right
            (_turn("thank"), "thank", ("utter_youre_welcome",), Reading("thank", None, None)),
            # the readers differ; the bot sides with the second
            (
                _turn("faq/expected_results"),
                "ask_how_long",
                ("utter_procedure_timing",),
                Reading("ask_how_long", None, None),
            ),
            # the readers agree on the answer, not the part; the bot sends the second's part
            (
                _turn("ask_post_care", "diary"),
                "ask_post_care",
                ("utter_post_care_ice",),
                Reading("ask_post_care", "ice", None),
            ),
            # the bot is wrong by both, but the second reader called it a toss-up
            (
                _turn("goodbye"),
                "thank",
                ("utter_youre_welcome",),
                Reading("goodbye", None, "thank"),
            ),
        ]
    )
    assert agreement.readers_agree() == pytest.approx(3 / 4)
    assert agreement.readers_agree(with_part=True) == pytest.approx(2 / 4)
    assert agreement.bot_right_by_second() == pytest.approx(3 / 4)
    assert agreement.bot_right_by_either() == pytest.approx(3 / 4)
    assert agreement.misses_read_as_the_bot() == (3, 3)
    assert agreement.rejected_by_both() == []
    assert agreement.disagreements() == [(("faq/expected_results", "ask_how_long"), 1)]


def test_a_miss_both_readers_reject_is_not_counted_as_sided() -> None:
    agreement = _agreement(
        [
            (
                _turn("ask_side_effects"),
                "ask_post_care",
                ("utter_post_care_overview",),
                Reading("ask_side_effects", None, "ask_how_long"),
            )
        ]
    )
    assert agreement.misses_read_as_the_bot() == (0, 1)
    assert [r.answer for r in agreement.rejected_by_both()] == ["ask_post_care"]
    assert agreement.bot_right_by_either() == 0.0


def test_the_second_readers_labels_are_scored_as_replies_with_their_parts() -> None:
    conversations = [
        # same answer and part, then a different answer: the conversation is not all right
        Conversation("c1", (_turn("ask_post_care", "diary"), _turn("faq/follow_up"))),
        # same answer, another part: wrong on the part, as a bot's reply would be
        Conversation("c2", (_turn("ask_post_care", "diary"),)),
        # same answer where the hold-out names no part
        Conversation("c3", (_turn("thank"),)),
    ]
    readings = {
        ("c1", 1): Reading("ask_post_care", "diary", None),
        ("c1", 2): Reading("ask_post_care", None, "faq/follow_up"),
        ("c2", 1): Reading("ask_post_care", "ice", None),
        ("c3", 1): Reading("thank", None, None),
    }
    read = readings_as_replies(conversations, readings)
    assert [[r.right for r in c] for c in read.conversations] == [[True, False], [False], [True]]
    assert read.turns[0].responses == ("utter_post_care_diary",)
    assert read.conversation_accuracy == pytest.approx(1 / 3)


def test_the_readings_cover_every_hold_out_turn_with_known_answers() -> None:
    readings = load_readings()
    turns = [
        (conversation.id, number)
        for conversation in load_conversations()
        for number in range(1, len(conversation.turns) + 1)
    ]
    assert sorted(readings) == sorted(turns)
    labels = {turn.expect for conversation in load_conversations() for turn in conversation.turns}
    given = {r.label for r in readings.values()} | {r.also for r in readings.values() if r.also}
    assert given <= labels


def test_a_reading_file_with_a_missing_column_is_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "second_reader.tsv"
    broken.write_text("id\tturn\tlabel\tfocus\nc1\t1\tthank\t-\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no column also"):
        load_readings(broken)


def _disputed() -> tuple[list[Conversation], dict[tuple[str, int], Reading]]:
    """Three turns: readers agree; they differ on the answer; they differ on the part only."""
    conversations = [
        Conversation("c1", (_turn("thank"), _turn("faq/expected_results"))),
        Conversation("c2", (_turn("ask_post_care", "diary"),)),
    ]
    readings = {
        ("c1", 1): Reading("thank", None, None),
        ("c1", 2): Reading("ask_how_long", None, None),
        ("c2", 1): Reading("ask_post_care", "ice", None),
    }
    return conversations, readings


def test_the_third_reader_relabels_only_the_disputed_turns() -> None:
    conversations, readings = _disputed()
    decisions = {
        ("c1", 2): Reading("ask_how_long", None, None),  # the second reader's side
        ("c2", 1): Reading("ask_post_care", "diary", None),  # the hold-out's side
    }
    settled = settle(conversations, readings, decisions)
    assert [[(t.expect, t.focus) for t in c.turns] for c in settled] == [
        [("thank", None), ("ask_how_long", None)],
        [("ask_post_care", "diary")],
    ]
    assert sides(conversations, readings, decisions) == {"the hold-out": 1, "the second reader": 1}
    assert (
        sides(conversations, readings, {**decisions, ("c1", 2): Reading("goodbye", None, None)})[
            "neither"
        ]
        == 1
    )
    # a bot that answered every turn as the hold-out did: the relabelled turn becomes wrong
    report = ConversationReport(
        [
            [
                TurnResult(conversations[0].turns[0], "thank", ("utter_youre_welcome",)),
                TurnResult(conversations[0].turns[1], "faq/expected_results", ()),
            ],
            [TurnResult(conversations[1].turns[0], "ask_post_care", ("utter_post_care_diary",))],
        ]
    )
    assert report.turn_accuracy == 1.0
    rescored = scored_against(report, settled)
    assert [[r.right for r in c] for c in rescored.conversations] == [[True, False], [True]]


def test_decisions_on_other_than_the_disputed_turns_are_an_error() -> None:
    conversations, readings = _disputed()
    undecided = {("c1", 2): Reading("ask_how_long", None, None)}
    with pytest.raises(ValueError, match="0 undisputed turns and left 1 disputed"):
        settle(conversations, readings, undecided)
    every_disputed = {**undecided, ("c2", 1): Reading("ask_post_care", "ice", None)}
    with pytest.raises(ValueError, match="decided 1 undisputed"):
        settle(conversations, readings, {**every_disputed, ("c1", 1): Reading("thank", None, None)})


def test_the_third_readers_decisions_cover_the_hold_outs_disputed_turns() -> None:
    conversations = load_conversations()
    decisions = load_readings(THIRD_READER)
    settle(conversations, load_readings(), decisions)  # raises unless exactly the disputed turns
    labels = {turn.expect for conversation in conversations for turn in conversation.turns}
    assert {decision.label for decision in decisions.values()} <= labels
    # a part only on an answer that has parts
    parted = [d for d in decisions.values() if d.focus]
    assert all(Turn("", d.label, d.focus).focus_response for d in parted)
