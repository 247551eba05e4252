"""`make purge`: conversations last active before the retention period are deleted."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from scripts.purge_conversations import (
    DEFAULT_RETENTION_DAYS,
    RETENTION_VARIABLE,
    SECONDS_PER_DAY,
    open_sql_tracker_store,
    purge_older_than,
    retention_days,
)
from tests.support.servers import PROJECT_ROOT

NOW = time.time()


def days_ago(days: float) -> float:
    return NOW - days * SECONDS_PER_DAY


def save_conversation(store: SQLTrackerStore, sender: str, *timestamps: float) -> None:
    """A conversation with one user message and one bot reply at each of `timestamps`."""
    events = []
    for stamp in timestamps:
        events += [
            UserUttered("hello", {"name": "greet"}, timestamp=stamp),
            ActionExecuted("utter_greet", timestamp=stamp),
            BotUttered("Hello!", timestamp=stamp),
        ]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def senders(store: SQLTrackerStore) -> set[str]:
    return set(asyncio.run(store.keys()))


@pytest.fixture
def endpoints(tmp_path: Path) -> Path:
    """An endpoints file whose SQLite tracker store lives in `tmp_path`."""
    config = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
    config["tracker_store"]["db"] = str(tmp_path / "tracker.db")
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump(config))
    return path


@pytest.fixture
def store(endpoints: Path) -> SQLTrackerStore:
    store = open_sql_tracker_store(endpoints)
    save_conversation(store, "old", days_ago(45), days_ago(40))
    save_conversation(store, "resumed", days_ago(90), days_ago(2))
    save_conversation(store, "recent", days_ago(0.5))
    return store


def test_only_conversations_last_active_before_the_cutoff_are_deleted(
    store: SQLTrackerStore,
) -> None:
    result = purge_older_than(store, 30, now=NOW)
    assert (result.conversations, result.events) == (1, 6)
    assert senders(store) == {"resumed", "recent"}


def test_a_shorter_retention_deletes_more(store: SQLTrackerStore) -> None:
    assert purge_older_than(store, 1.5, now=NOW).conversations == 2
    assert senders(store) == {"recent"}


def test_the_script_purges_the_configured_store(store: SQLTrackerStore, endpoints: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), RETENTION_VARIABLE: "1"}
    script = PROJECT_ROOT / "scripts" / "purge_conversations.py"
    run = subprocess.run(
        [sys.executable, str(script), "--endpoints", str(endpoints)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Deleted 2 conversation(s) (12 events)" in run.stdout
    assert senders(store) == {"recent"}


def test_retention_comes_from_the_argument_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(RETENTION_VARIABLE, raising=False)
    assert retention_days(None) == DEFAULT_RETENTION_DAYS
    monkeypatch.setenv(RETENTION_VARIABLE, "7")
    assert retention_days(None) == 7
    assert retention_days(90) == 90


@pytest.mark.parametrize("value", ["0", "-3", "thirty", "1.5"])
def test_a_bad_retention_period_stops_the_script(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(RETENTION_VARIABLE, value)
    with pytest.raises(SystemExit, match="whole number of days"):
        retention_days(None)


def test_a_store_that_is_not_sql_is_refused(tmp_path: Path) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: http://127.0.0.1:5055/webhook\n")
    with pytest.raises(SystemExit, match="type SQL"):
        open_sql_tracker_store(endpoints)
