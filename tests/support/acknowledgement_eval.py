"""Score what the bot makes of the message right after an answer when it only acknowledges it
("ok so a week or so, got it") and when it looks like that but asks something ("ok so i can still
drive after"): tests/data/acknowledgements_holdout.tsv, written blind.

Each message is parsed by the trained model after a conversation whose last message got the
`previous` answer, as the Rasa server parses it (the answer model reads that answer as context).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage

from nlu.answer_labels import chosen_answer
from nlu.social_gate import SOCIAL
from settings import PROJECT_ROOT
from tests.support.conversation_eval import ASKED
from tests.support.trackers import parse_answered, tracker_after

ACKNOWLEDGEMENTS = PROJECT_ROOT / "tests" / "data" / "acknowledgements_holdout.tsv"
KINDS = ("ack", "question")
# What the bot did with a message
TAKEN_IN = "taken in"  # "yes", thanks, goodbye...: small talk
ANSWERED_AGAIN = "answered again"  # the answer it follows, once more
OTHER_ANSWER = "another answer"
DID_YOU_MEAN = "did you mean"
OUTCOMES = (TAKEN_IN, ANSWERED_AGAIN, OTHER_ANSWER, DID_YOU_MEAN)


@dataclass(frozen=True)
class Line:
    """A message sent right after the `previous` answer: an acknowledgement or a question."""

    previous: str
    kind: str
    text: str


def load_lines(path: Path = ACKNOWLEDGEMENTS) -> list[Line]:
    """The `previous<TAB>kind<TAB>message` lines of the set."""
    lines = []
    for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = row.split("\t")
        if len(fields) != 3 or fields[1] not in KINDS:
            raise ValueError(f"{path}:{number}: expected previous, ack|question, message")
        lines.append(Line(*(field.strip() for field in fields)))
    return lines


def outcome(parse: dict, previous: str) -> str:
    """What the bot did with the message: OUTCOMES."""
    answer = chosen_answer(parse)
    if answer == ASKED:
        return DID_YOU_MEAN
    if answer in SOCIAL:
        return TAKEN_IN
    return ANSWERED_AGAIN if answer == previous else OTHER_ANSWER


def evaluate(agent: Agent, lines: list[Line]) -> dict[str, Counter[str]]:
    """For each kind, how many of its messages had each outcome."""

    async def parse_all() -> list[dict]:
        return [
            await agent.processor.parse_message(
                UserMessage(line.text), tracker_after(parse_answered(line.previous))
            )
            for line in lines
        ]

    counts: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    for line, parse in zip(lines, asyncio.run(parse_all()), strict=True):
        counts[line.kind][outcome(parse, line.previous)] += 1
    return counts
