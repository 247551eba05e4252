"""Rasa's SQL tracker store, with a turn saved in one insert and no recount of the stored events.

Rasa's `SQLTrackerStore.save` counts the conversation's stored events with a query on every save
(to know which events are new), then adds each new event as an ORM object. Here the number of
events a tracker had when it was loaded is kept on it, so the new ones are known without asking
the database, and they are written in one multi-row insert. Everything else (tables, queries,
sessions, PostgreSQL options) is Rasa's. A tracker this store did not load (a new conversation,
a tracker of every session) is saved as Rasa saves it. The lock store keeps one conversation's
turns from overlapping, on one server or several, so nothing else writes between load and save.

A SQLite file (the default, embedded store) is opened once and kept open, in write-ahead-log mode
with `synchronous=NORMAL` (see `sqlite_file_engine`), and is readable by its owner only (0600).
A crash of the server loses no turn; a power cut may lose the last few.

Configured in endpoints.yml and endpoints.scale.yml:
`type: stores.tracker_store.TurnSQLTrackerStore` (then Rasa's `SQL` options).
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import sessionmaker

OWNER_ONLY = 0o600
EVENTS_IN_STORE = "_events_in_store"  # tracker attribute: how many of its events are stored


class TurnSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that knows which events are new without a count query."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_sqlite_file(self.engine.url):
            self.engine.dispose()
            self.engine = sqlite_file_engine(self.engine.url)
            self.sessionmaker = sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session of the conversation, marked with how many events it has stored."""
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            setattr(tracker, EVENTS_IN_STORE, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the events added to `tracker` since it was loaded (or last saved)."""
        stored = getattr(tracker, EVENTS_IN_STORE, None)
        if stored is None:
            await super().save(tracker)
        else:
            await self.stream_events(tracker)
            rows = [
                event_row(tracker.sender_id, event)
                for event in itertools.islice(tracker.events, stored, None)
            ]
            if rows:
                with self.session_scope() as session:
                    session.execute(self.SQLEvent.__table__.insert(), rows)
                    session.commit()
        setattr(tracker, EVENTS_IN_STORE, len(tracker.events))


def event_row(sender_id: str, event: Event) -> dict[str, Any]:
    """The `events` table row Rasa's `SQLTrackerStore.save` writes for `event`."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def is_sqlite_file(url: URL) -> bool:
    """Whether `url` is a SQLite database in a file (not in memory)."""
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")


def sqlite_file_engine(url: URL) -> Engine:
    """An engine that keeps its SQLite connections open, in write-ahead-log mode.

    SQLAlchemy 1.4 (Rasa 3.6's) opens and closes a connection to a SQLite file for every query
    session; in write-ahead-log mode closing the last connection also checkpoints the log to the
    database file, so every turn paid for two. A pool of open connections, as SQLAlchemy 2 uses
    for SQLite files, avoids both. Connections are handed to one session at a time, so they may
    move between threads.
    """
    create_owner_only(Path(url.database))
    engine = sa.create_engine(
        url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
    )
    sa.event.listen(engine, "connect", use_write_ahead_log)
    return engine


def create_owner_only(database: Path) -> None:
    """Create the SQLite file readable and writable by its owner only (it holds what patients
    typed); SQLite gives its -wal and -shm files the same mode. An existing file is tightened."""
    os.close(os.open(database, os.O_CREAT | os.O_WRONLY, OWNER_ONLY))
    os.chmod(database, OWNER_ONLY)


def use_write_ahead_log(connection: Any, _: Any) -> None:
    """SQLite: write-ahead log, synced to disk at checkpoints rather than at every commit."""
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
