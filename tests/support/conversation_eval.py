"""Score the bot on whole conversations (tests/data/conversations_holdout.yml, written blind).

Each conversation runs turn by turn through the trained model in-process, with the real action
server, so follow-ups see the context earlier turns left (the topic slot, the last answer). A turn
is right when the bot chose the expected answer (`faq/causes`, `ask_post_care`, …) and, where the
turn names a sub-option (`focus`: a muscle, a side effect, a care step, a kind of alternative),
one of its replies is that sub-option's response.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from rasa.core.agent import Agent
from rasa.shared.core.events import BotUttered, UserUttered

from actions.handoff import HANDOFF_RESPONSE
from actions.suggestions import TOPIC_RESPONSE_PREFIX, topic_label
from content.answers import responses_by_name
from nlu.answer_labels import PART_RESPONSE_PREFIXES, chosen_answer
from nlu.social_gate import SOCIAL, SOCIAL_REPLIES
from settings import PROJECT_ROOT

CONVERSATIONS = PROJECT_ROOT / "tests" / "data" / "conversations_holdout.yml"
# The response that answers each kind of sub-option, by the answer it belongs to
ASKED = "nlu_fallback"  # the answer of a turn that got "Did you mean ...?"
FOLLOW_UPS = frozenset({"elliptical_followup", "suboption_followup", "correction"})
# Safety replies decide the answer whatever the NLU label (a follow-up to an emergency is one)
SAFETY_ANSWERS = {
    "utter_emergency": "emergency",
    "utter_emergency_follow_up": "emergency",
    "utter_self_harm": "self_harm",
    "utter_self_harm_follow_up": "self_harm",
}


@dataclass(frozen=True)
class Turn:
    """One user message, the answer it must get and how it is written."""

    user: str
    expect: str
    focus: str | None = None
    patterns: tuple[str, ...] = ()

    @property
    def focus_response(self) -> str | None:
        prefix = PART_RESPONSE_PREFIXES.get(self.expect)
        return f"{prefix}{self.focus}" if self.focus and prefix else None


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class TurnResult:
    """What the bot did with one turn."""

    turn: Turn
    answer: str
    responses: tuple[str, ...]
    offered: tuple[str, ...] = ()  # the topic labels of the "Did you mean ...?" buttons

    @property
    def right_answer(self) -> bool:
        return self.answer == self.turn.expect

    @property
    def right(self) -> bool:
        focus = self.turn.focus_response
        return self.right_answer and (focus is None or focus in self.responses)


@dataclass
class ConversationReport:
    """Every turn of every conversation, and the figures the bench prints."""

    conversations: list[list[TurnResult]] = field(default_factory=list)

    @property
    def turns(self) -> list[TurnResult]:
        return [result for conversation in self.conversations for result in conversation]

    def accuracy(self, results: list[TurnResult]) -> float:
        return sum(r.right for r in results) / len(results) if results else float("nan")

    @property
    def turn_accuracy(self) -> float:
        return self.accuracy(self.turns)

    @property
    def conversation_accuracy(self) -> float:
        return sum(all(r.right for r in c) for c in self.conversations) / len(self.conversations)

    def with_pattern(self, pattern: str) -> list[TurnResult]:
        return [r for r in self.turns if pattern in r.turn.patterns]

    @property
    def follow_ups(self) -> list[TurnResult]:
        return [r for r in self.turns if FOLLOW_UPS & set(r.turn.patterns)]

    @property
    def questions_given_small_talk(self) -> list[TurnResult]:
        """Turns that ask something (their answer is not small talk, a greeting, a yes or a no)
        given a goodbye, "you're welcome" or "I'm a computer program"."""
        return [r for r in self.turns if r.answer in SOCIAL_REPLIES and r.turn.expect not in SOCIAL]

    @property
    def asked(self) -> list[TurnResult]:
        """The turns that got "Did you mean ...?" instead of an answer."""
        return [r for r in self.turns if r.answer == ASKED]

    def right_offered(self, results: list[TurnResult]) -> list[TurnResult]:
        """Of `results`, those where a "Did you mean" button was the expected answer."""
        return [r for r in results if topic_label(r.turn.expect) in r.offered]

    def confusions(self, most: int = 15) -> list[tuple[tuple[str, str], int]]:
        pairs = Counter((r.turn.expect, r.answer) for r in self.turns if not r.right_answer)
        return pairs.most_common(most)

    def part_confusions(self, most: int = 15) -> list[tuple[tuple[str, str], int]]:
        """Right answer, wrong part: (the sub-option's response, the answer's responses sent)."""
        pairs = Counter(
            (str(r.turn.focus_response), " ".join(x for x in r.responses if x != HANDOFF_RESPONSE))
            for r in self.turns
            if r.right_answer and not r.right
        )
        return pairs.most_common(most)


@cache
def button_topics() -> dict[str, str]:
    """The topic label of each "Did you mean" button, by its text (utter_topic_<label>)."""
    return {
        variation["text"]: name.removeprefix(TOPIC_RESPONSE_PREFIX)
        for name, variations in responses_by_name().items()
        if name.startswith(TOPIC_RESPONSE_PREFIX)
        for variation in variations
    }


def load_conversations(path: Path = CONVERSATIONS) -> list[Conversation]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Conversation(
            str(item["id"]),
            tuple(
                Turn(
                    str(turn["user"]),
                    str(turn["expect"]),
                    turn.get("focus"),
                    tuple(turn.get("patterns") or ()),
                )
                for turn in item["turns"]
            ),
        )
        for item in data["conversations"]
    ]


async def _run(agent: Agent, conversation: Conversation) -> list[TurnResult]:
    sender = f"{conversation.id}-{uuid.uuid4().hex[:8]}"
    results = []
    for turn in conversation.turns:
        await agent.handle_text(turn.user, sender_id=sender)
        tracker = await agent.tracker_store.retrieve(sender)
        events = list(tracker.events)
        last_user = max(i for i, e in enumerate(events) if isinstance(e, UserUttered))
        uttered = [e for e in events[last_user + 1 :] if isinstance(e, BotUttered)]
        replies = tuple(e.metadata.get("utter_action", "") for e in uttered)
        safety = [SAFETY_ANSWERS[name] for name in replies if name in SAFETY_ANSWERS]
        answer = safety[0] if safety else chosen_answer(events[last_user].parse_data)
        buttons = [b.get("payload") for e in uttered for b in e.data.get("buttons") or []]
        topics = button_topics()
        offered = tuple(topics[b] for b in buttons if b in topics) if answer == ASKED else ()
        results.append(TurnResult(turn, answer, replies, offered))
    return results


def evaluate(agent: Agent, conversations: list[Conversation]) -> ConversationReport:
    """Runs every conversation through `agent` (which must reach the action server)."""

    async def run_all() -> list[list[TurnResult]]:
        return [await _run(agent, conversation) for conversation in conversations]

    return ConversationReport(asyncio.run(run_all()))
