"""What patients asked and what the bot did, read from the tracker store's events for a period.

Only what a report needs is kept: per user message its time, the answer chosen and its
confidence, the two likeliest labels, whether it was unanswered, and the responses that followed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import select

from nlu.answer_labels import chosen_answer
from staff.explain import HANDOFF_RESPONSE, answer_ranking

UNANSWERED_INTENTS = {"nlu_fallback", "out_of_scope"}
UNANSWERED_RESPONSES = {"utter_default", "utter_out_of_scope", "utter_did_you_mean"}
FAILURE_RESPONSE = "utter_answer_unavailable"
LOW_CONFIDENCE = 0.5
NOT_HELPFUL = "feedback_not_helpful"
FEEDBACK_INTENTS = {"feedback_helpful": "helpful", NOT_HELPFUL: "not helpful"}


@dataclass
class Message:
    """One patient message and what followed it."""

    sender: str
    at: datetime
    text: str
    answer: str
    confidence: float
    likeliest: list[tuple[str, float]]
    responses: list[str] = field(default_factory=list)
    after_not_helpful: bool = False  # what they were looking for, asked after "Not helpful"

    @property
    def unanswered(self) -> bool:
        return (
            self.after_not_helpful
            or self.answer in UNANSWERED_INTENTS
            or bool(set(self.responses) & UNANSWERED_RESPONSES)
        )

    @property
    def escalation(self) -> str | None:
        return self.answer if self.answer in ("emergency", "self_harm") else None

    @property
    def handed_off(self) -> bool:
        return HANDOFF_RESPONSE in self.responses

    @property
    def failed(self) -> bool:
        return FAILURE_RESPONSE in self.responses


def day_bounds(first: date, last: date) -> tuple[float, float]:
    """Unix times from the start of `first` to the end of `last` (UTC)."""
    start = datetime.combine(first, time.min, tzinfo=timezone.utc)
    end = datetime.combine(last, time.max, tzinfo=timezone.utc)
    return start.timestamp(), end.timestamp()


def _message(sender: str, event: dict) -> Message:
    parse = event.get("parse_data") or {}
    answer = chosen_answer(parse) or "none"
    ranking = answer_ranking(parse)
    confidence = dict(ranking).get(
        answer, float((parse.get("intent") or {}).get("confidence") or 0)
    )
    return Message(
        sender=sender,
        at=datetime.fromtimestamp(float(event.get("timestamp") or 0), tz=timezone.utc),
        text=event.get("text") or "",
        answer=answer,
        confidence=confidence,
        likeliest=[(label, p) for label, p in ranking if label not in UNANSWERED_INTENTS][:2],
    )


def read_messages(store: SQLTrackerStore, first: date, last: date) -> list[Message]:
    """Every patient message between `first` and `last` (inclusive, UTC), with its responses."""
    events = SQLTrackerStore.SQLEvent.__table__
    start, end = day_bounds(first, last)
    query = (
        select(events.c.sender_id, events.c.type_name, events.c.data)
        .where(events.c.timestamp >= start, events.c.timestamp <= end)
        .order_by(events.c.sender_id, events.c.timestamp, events.c.id)
    )
    messages: list[Message] = []
    latest: dict[str, Message] = {}
    with store.engine.connect() as connection:
        for sender, kind, data in connection.execute(query):
            event = json.loads(data)
            if kind == "user":
                message = _message(sender, event)
                before = latest.get(sender)
                message.after_not_helpful = bool(before and before.answer == NOT_HELPFUL)
                latest[sender] = message
                messages.append(message)
            elif kind == "bot" and sender in latest:
                response = (event.get("metadata") or {}).get("utter_action")
                if response:
                    latest[sender].responses.append(response)
    return messages


def by_conversation(messages: list[Message]) -> dict[str, list[Message]]:
    grouped: dict[str, list[Message]] = defaultdict(list)
    for message in messages:
        grouped[message.sender].append(message)
    return grouped
