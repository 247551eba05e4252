"""`make report` and `make export-unanswered` with TRACKER_STORE=postgres: the same commands on
the PostgreSQL tracker store the Rasa servers share (endpoints.scale.yml)."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import pytest
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from staff import export_unanswered, report
from stores.configured import open_sql_tracker_store
from tests.support.services import Postgres, Redis

pytestmark = pytest.mark.integration


def test_report_and_export_read_postgres(
    postgres: Postgres, redis_lock_store: Redis, monkeypatch, tmp_path: Path
) -> None:
    for name, value in {
        **postgres.env(),
        **redis_lock_store.env(),
        "TRACKER_STORE": "postgres",
    }.items():
        monkeypatch.setenv(name, value)
    # letters only: a run of six digits in it would be redacted as a [number]
    token = uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))
    text = f"can I pay by card {token}? mail me at pat@example.com"
    parse = {
        "intent": {"name": "out_of_scope", "confidence": 0.9},
        "intent_ranking": [
            {"name": "out_of_scope", "confidence": 0.9},
            {"name": "faq", "confidence": 0.1},
        ],
        "response_selector": {"all_retrieval_intents": ["faq"]},
    }
    now = time.time()
    events = [
        UserUttered(text, intent=parse["intent"], parse_data=parse, timestamp=now),
        BotUttered(
            "Sorry, I can't answer that here.",
            metadata={"utter_action": "utter_out_of_scope"},
            timestamp=now,
        ),
    ]
    store = open_sql_tracker_store()
    assert store.engine.url.get_backend_name() == "postgresql"
    asyncio.run(store.save(DialogueStateTracker.from_events(f"staff-{token}", events)))

    page = tmp_path / "report.html"
    assert report.main(["--output", str(page)]) == 0
    html = page.read_text()
    assert f"can I pay by card {token}? mail me at [email]" in html
    assert "pat@example.com" not in html

    exported = tmp_path / "unanswered.yml"
    assert export_unanswered.main(["--output", str(exported)]) == 0
    assert f"      - can I pay by card {token}? mail me at [email]" in exported.read_text()
