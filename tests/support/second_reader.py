"""A second reader's labels for the conversation hold-out, and the figures they give.

A second helper, briefed with the article and the list of answers only (neither `data/` nor the
first labels nor the bot's replies), labelled every hold-out turn again: the answer it should get,
the part it names, and a second answer where the two were a real toss-up. Where two careful
readers disagree, the hold-out's own label is one reading of the turn, not the only right one;
how often they agree bounds what a score against one reader can mean. A third reader, briefed the
same way, decided the turns the first two disputed (`settle`): the settled labels are one reading
that no single reader wrote.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from settings import PROJECT_ROOT
from tests.support.conversation_eval import Conversation, ConversationReport, Turn, TurnResult

SECOND_READER = PROJECT_ROOT / "bench" / "data" / "second_reader" / "labels.tsv"
THIRD_READER = PROJECT_ROOT / "bench" / "data" / "third_reader" / "labels.tsv"
NONE = "-"
COLUMNS = ("id", "turn", "label", "focus", "also")


@dataclass(frozen=True)
class Reading:
    """The second reader's label for one turn."""

    label: str
    focus: str | None
    also: str | None  # an answer the reader found almost as good

    @property
    def answer(self) -> tuple[str, str | None]:
        """The answer and the part read, what two readings must share to agree."""
        return self.label, self.focus


def load_readings(path: Path = SECOND_READER) -> dict[tuple[str, int], Reading]:
    """(conversation id, turn number from 1) -> Reading."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: no column {', '.join(missing)}")
        rows = list(reader)
    return {
        (row["id"], int(row["turn"])): Reading(
            row["label"],
            None if row["focus"] == NONE else row["focus"],
            None if row["also"] == NONE else row["also"],
        )
        for row in rows
    }


def as_read(result: TurnResult, reading: Reading) -> TurnResult:
    """The same reply, scored against the second reader's label."""
    return replace(result, turn=_relabelled(result.turn, reading))


def readings_as_replies(
    conversations: list[Conversation], readings: dict[tuple[str, int], Reading]
) -> ConversationReport:
    """The second reader's labels scored against the hold-out's as if they were the bot's
    replies: each turn answered as the second reader read it, with the part it named. Its
    figures are what a careful human reaches on the bench's own measures."""
    return ConversationReport(
        [
            [
                _read_reply(turn, readings[(conversation.id, number)])
                for number, turn in enumerate(conversation.turns, start=1)
            ]
            for conversation in conversations
        ]
    )


def first_readings(conversations: list[Conversation]) -> dict[tuple[str, int], Reading]:
    """The hold-out's own labels, as readings."""
    return {
        (conversation.id, number): Reading(turn.expect, turn.focus, None)
        for conversation in conversations
        for number, turn in enumerate(conversation.turns, start=1)
    }


def settle(
    conversations: list[Conversation],
    readings: dict[tuple[str, int], Reading],
    decisions: dict[tuple[str, int], Reading],
) -> list[Conversation]:
    """The hold-out with each turn the two readers disputed (answer or part) labelled as the third
    reader decided it; `decisions` must cover exactly the disputed turns."""
    disputed = {
        key
        for key, first in first_readings(conversations).items()
        if first.answer != readings[key].answer
    }
    if set(decisions) != disputed:
        raise ValueError(
            f"the third reader decided {len(set(decisions) - disputed)} undisputed turns and "
            f"left {len(disputed - set(decisions))} disputed turns undecided"
        )
    return [
        Conversation(
            conversation.id,
            tuple(
                _relabelled(turn, decisions.get((conversation.id, number)))
                for number, turn in enumerate(conversation.turns, start=1)
            ),
        )
        for conversation in conversations
    ]


def _relabelled(turn: Turn, decision: Reading | None) -> Turn:
    return replace(turn, expect=decision.label, focus=decision.focus) if decision else turn


def sides(
    conversations: list[Conversation],
    readings: dict[tuple[str, int], Reading],
    decisions: dict[tuple[str, int], Reading],
) -> Counter[str]:
    """On the disputed turns, whom the third reader sided with: the hold-out, the second reader
    or neither."""
    first = first_readings(conversations)
    return Counter(
        _side(decision, first[key], readings[key]) for key, decision in decisions.items()
    )


def _side(decision: Reading, first: Reading, second: Reading) -> str:
    if decision.answer == first.answer:
        return "the hold-out"
    return "the second reader" if decision.answer == second.answer else "neither"


def scored_against(
    report: ConversationReport, conversations: list[Conversation]
) -> ConversationReport:
    """The same replies scored against another labelling of the same turns."""
    return ConversationReport(
        [
            [
                replace(result, turn=turn)
                for result, turn in zip(results, conversation.turns, strict=True)
            ]
            for results, conversation in zip(report.conversations, conversations, strict=True)
        ]
    )


def _read_reply(turn: Turn, reading: Reading) -> TurnResult:
    part = _relabelled(turn, reading).focus_response
    return TurnResult(turn, reading.label, (part,) if part else ())


@dataclass(frozen=True)
class Agreement:
    """Each hold-out turn with the bot's reply, the first reader's label and the second's."""

    pairs: list[tuple[TurnResult, Reading]]

    @classmethod
    def of(
        cls,
        report: ConversationReport,
        conversations: list[Conversation],
        readings: dict[tuple[str, int], Reading],
    ) -> Agreement:
        pairs = []
        for conversation, results in zip(conversations, report.conversations, strict=True):
            for number, result in enumerate(results, start=1):
                pairs.append((result, readings[(conversation.id, number)]))
        return cls(pairs)

    def readers_agree(self, with_part: bool = False) -> float:
        return _share(
            r.turn.expect == s.label and (not with_part or r.turn.focus == s.focus)
            for r, s in self.pairs
        )

    def bot_right_by_second(self) -> float:
        return _share(as_read(r, s).right for r, s in self.pairs)

    def bot_right_by_either(self) -> float:
        return _share(r.right or as_read(r, s).right for r, s in self.pairs)

    def misses_read_as_the_bot(self) -> tuple[int, int]:
        """Of the bot's wrong turns (hold-out labels), how many the second reader reads so."""
        misses = sum(not r.right for r, _ in self.pairs)
        return misses - len(self.rejected_by_both()), misses

    def rejected_by_both(self) -> list[TurnResult]:
        """The bot's wrong turns that the second reader does not read its way either (neither its
        label nor its toss-up): the misses no relabelling would take back."""
        return [
            r
            for r, s in self.pairs
            if not r.right and not as_read(r, s).right and r.answer != s.also
        ]

    def disagreements(self, most: int = 15) -> list[tuple[tuple[str, str], int]]:
        """(hold-out label, second reader's label) where they differ, most frequent first."""
        pairs = Counter(
            (result.turn.expect, reading.label)
            for result, reading in self.pairs
            if result.turn.expect != reading.label
        )
        return pairs.most_common(most)


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else float("nan")
