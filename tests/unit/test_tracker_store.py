"""TurnSQLTrackerStore stores exactly what Rasa's SQLTrackerStore stores, without recounting."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker_store import TurnSQLTrackerStore, is_sqlite_file
from tests.support.servers import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


def turn(text: str, intent: str, answer: str, stamp: float) -> list:
    """One user message and the bot's answer, at `stamp`."""
    return [
        UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=stamp),
        ActionExecuted("utter_answer", timestamp=stamp + 0.1),
        BotUttered(answer, timestamp=stamp + 0.2),
        ActionExecuted("action_listen", timestamp=stamp + 0.3),
    ]


async def conversation(store: SQLTrackerStore) -> list[list[dict]]:
    """A conversation saved the way Rasa's processor saves it; what `retrieve` gave each time."""
    seen = []
    tracker = await store.get_or_create_tracker("patient-1", append_action_listen=False)
    tracker.update(SlotSet("topic", "side_effects", timestamp=1.0))
    await store.save(tracker)
    for stamp, text in ((10.0, "hello"), (20.0, "side effects?")):
        tracker = await store.retrieve("patient-1")
        for event in turn(text, "greet", "Hi!", stamp):
            tracker.update(event)
        await store.save(tracker)
        await store.save(tracker)  # saved twice in a turn: nothing is written twice
        seen.append([event.as_dict() for event in tracker.events])
    tracker = await store.retrieve("patient-1")  # a new session starts in the loaded tracker
    for event in (ActionExecuted("action_session_start", timestamp=30.0), SessionStarted(30.1)):
        tracker.update(event)
    for event in turn("back again", "greet", "Welcome back!", 31.0):
        tracker.update(event)
    await store.save(tracker)
    latest = await store.retrieve("patient-1")
    seen.append([event.as_dict() for event in latest.events])
    return seen


def stored_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data "
            "FROM events ORDER BY id"
        ).fetchall()


def new_store(store_class: Callable[..., SQLTrackerStore], db: Path) -> SQLTrackerStore:
    return store_class(DOMAIN, dialect="sqlite", db=str(db))


def test_stores_and_loads_what_rasas_store_does(tmp_path: Path) -> None:
    ours = new_store(TurnSQLTrackerStore, tmp_path / "ours.db")
    rasas = new_store(SQLTrackerStore, tmp_path / "rasa.db")
    assert asyncio.run(conversation(ours)) == asyncio.run(conversation(rasas))
    assert stored_rows(tmp_path / "ours.db") == stored_rows(tmp_path / "rasa.db")
    assert len(stored_rows(tmp_path / "ours.db")) == 15


def test_a_loaded_tracker_is_saved_without_a_count_query(tmp_path: Path) -> None:
    store = new_store(TurnSQLTrackerStore, tmp_path / "t.db")
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    async def one_turn() -> None:
        await store.get_or_create_tracker("p")
        tracker = await store.retrieve("p")
        statements.clear()
        for event in turn("hello", "greet", "Hi!", 5.0):
            tracker.update(event)
        await store.save(tracker)

    asyncio.run(one_turn())
    assert [s.split()[0] for s in statements] == ["INSERT"]
    assert "count(" not in " ".join(statements).lower()


def test_a_tracker_it_did_not_load_is_saved_as_rasa_saves_it(tmp_path: Path) -> None:
    """Trackers from elsewhere (every session, built by hand) get Rasa's recount."""
    store = new_store(TurnSQLTrackerStore, tmp_path / "t.db")
    events = turn("hello", "greet", "Hi!", 5.0)
    asyncio.run(store.save(DialogueStateTracker.from_events("p", events[:2])))
    asyncio.run(store.save(DialogueStateTracker.from_events("p", events)))
    assert [row[2] for row in stored_rows(tmp_path / "t.db")] == ["user", "action", "bot", "action"]


def test_another_server_sees_every_saved_turn(tmp_path: Path) -> None:
    """Two stores on one file (two servers, or the purge script): committed turns are shared."""
    first, second = (new_store(TurnSQLTrackerStore, tmp_path / "t.db") for _ in range(2))
    asyncio.run(conversation(first))
    assert asyncio.run(second.retrieve("patient-1")).latest_message.text == "back again"


def test_a_sqlite_file_is_kept_open_in_write_ahead_log_mode(tmp_path: Path) -> None:
    store = new_store(TurnSQLTrackerStore, tmp_path / "t.db")
    asyncio.run(store.get_or_create_tracker("p"))
    assert store.engine.pool.checkedin() == 1  # the connection stays open between sessions
    with sqlite3.connect(tmp_path / "t.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@pytest.mark.parametrize(
    ("url", "is_file"),
    [
        ("sqlite:///rasa_conversations.db", True),
        ("sqlite://", False),
        ("sqlite:///:memory:", False),
        ("postgresql://rasa@localhost/rasa", False),
    ],
)
def test_only_a_sqlite_file_gets_kept_open_connections(url: str, is_file: bool) -> None:
    assert is_sqlite_file(sa.engine.make_url(url)) is is_file


def test_the_sqlite_file_and_its_log_files_are_owner_only(tmp_path: Path) -> None:
    """They hold what patients typed: 0600 for the database, its -wal and -shm files."""
    db = tmp_path / "t.db"
    store = new_store(TurnSQLTrackerStore, db)
    asyncio.run(
        store.save(DialogueStateTracker.from_events("p", turn("hi", "greet", "utter_greet", 1.0)))
    )
    files = [db, db.with_name("t.db-wal"), db.with_name("t.db-shm")]
    assert all(f.exists() for f in files)
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {"0o600"}


def test_an_existing_world_readable_file_is_tightened(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    db.touch(mode=0o644)
    db.chmod(0o644)
    new_store(TurnSQLTrackerStore, db)
    assert oct(db.stat().st_mode & 0o777) == "0o600"
