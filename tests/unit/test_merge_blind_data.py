"""Merging blind training data: malformed lines counted; hold-out look-alikes, known texts and
repeats left out."""

from __future__ import annotations

from pathlib import Path

from scripts.merge_blind_data import KNOWN, NEAR_COPY, keep, tab_lines
from tests.support.conversation_eval import load_conversations
from tests.support.near_copies import DEVELOPMENT_CONVERSATIONS


def test_lines_with_the_wrong_number_of_fields_are_counted_not_kept(tmp_path: Path) -> None:
    source = tmp_path / "first_messages.tsv"
    source.write_text("# a comment\nfaq/causes\twhat causes it\n\nno tab here\nfaq/causes\t\n")
    assert tab_lines(source, 2) == ([["faq/causes", "what causes it"]], 2)


def test_near_copies_of_development_messages_known_texts_and_repeats_are_left_out() -> None:
    development = next(
        turn.user
        for conversation in load_conversations(DEVELOPMENT_CONVERSATIONS)
        for turn in conversation.turns
        if len(turn.user.split()) >= 8
    )
    rows = [
        ["ask_procedure", development.upper()],  # the same words: a near copy
        ["ask_procedure", "what happens at the appointment"],  # known
        ["faq/causes", "does cervical dystonia run in families at all"],
        ["faq/causes", "Does cervical dystonia run in families at all"],  # a repeat
    ]
    kept, dropped = keep(rows, lambda row: row[1], ["What happens at the appointment"])
    assert kept == [["faq/causes", "does cervical dystonia run in families at all"]]
    assert dropped == {NEAR_COPY: 1, KNOWN: 2}
