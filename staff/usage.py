"""What patients asked and what the bot did, read from the tracker store's events for a period.

Only what a report needs is kept: per user message its time, the answer chosen and its
confidence, the two likeliest labels, whether it was unanswered, and the responses that followed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import select

from actions.handoff import HANDOFF_RESPONSE
from actions.suggestions import answer_ranking
from nlu.answer_labels import chosen_answer
from stores.configured import open_sql_tracker_store

UNANSWERED_INTENTS = {"nlu_fallback", "out_of_scope"}
UNANSWERED_RESPONSES = {"utter_default", "utter_out_of_scope", "utter_did_you_mean"}
FAILURE_RESPONSE = "utter_answer_unavailable"
LOW_CONFIDENCE = 0.5
DEFAULT_DAYS = 30
OWNER_ONLY = 0o600
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


def period(argv_from: str | None, argv_to: str | None) -> tuple[date, date]:
    """The period asked for (YYYY-MM-DD), by default the last 30 days to today (UTC)."""
    today = datetime.now(timezone.utc).date()
    last = date.fromisoformat(argv_to) if argv_to else today
    first = date.fromisoformat(argv_from) if argv_from else last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    return first, last


def period_parser(description: str) -> argparse.ArgumentParser:
    """The command line of the commands that read a period of conversations."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--from", dest="first", help="first day, YYYY-MM-DD (default: 30 days ago)")
    parser.add_argument("--to", dest="last", help="last day, YYYY-MM-DD (default: today)")
    parser.add_argument("--endpoints", type=Path, help="default: as scripts/run_servers.sh")
    return parser


def messages_of_period(
    args: argparse.Namespace, command: str
) -> tuple[date, date, list[Message]] | None:
    """The period of `args` and its messages from the configured store; None (after a clear
    message on stderr) for a period that is not one."""
    try:
        first, last = period(args.first, args.last)
    except ValueError as error:
        print(f"{command}: {error} (dates as YYYY-MM-DD)", file=sys.stderr)
        return None
    return first, last, read_messages(open_sql_tracker_store(args.endpoints), first, last)


def write_owner_only(path: Path, text: str) -> None:
    """Write `text` to `path`, readable by its owner only: it holds what patients typed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(OWNER_ONLY)
