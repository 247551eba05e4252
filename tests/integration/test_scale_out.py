"""Two Rasa servers share one conversation through PostgreSQL and the Redis lock store."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.integration.services import Postgres, Redis
from tests.responses import TEST_CLINIC_SLOTS, response_texts
from tests.servers import RasaServer, reply_texts

pytestmark = pytest.mark.integration

TURNS = (
    "hello",
    "are you a bot?",
    "what is cervical dystonia?",
    "what can you do?",
    "how does botox work?",
    "thanks!",
)


def stored_turns(postgres: Postgres, sender: str) -> list[tuple[str, list[str]]]:
    """The conversation as PostgreSQL holds it: each user text with the bot texts after it."""
    with postgres.connect() as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,)
        )
        rows = cursor.fetchall()
    turns: list[tuple[str, list[str]]] = []
    for type_name, data in rows:
        if type_name == "user":
            turns.append((json.loads(data)["text"], []))
        elif type_name == "bot" and turns:
            turns[-1][1].append(json.loads(data)["text"])
    return turns


def lock_writes(redis_lock_store: Redis) -> int:
    """How many SET commands Redis has run: the lock store saves a lock with SET."""
    return redis_lock_store.client().info("commandstats").get("cmdstat_set", {}).get("calls", 0)


def test_alternating_servers_keep_one_conversation_in_order(
    rasa_pair: tuple[RasaServer, RasaServer], postgres: Postgres
) -> None:
    sender = f"scale-{uuid.uuid4().hex}"
    received = [reply_texts(rasa_pair[i % 2].ask(text, sender)) for i, text in enumerate(TURNS)]

    # The session started on server A once: no second disclaimer from B.
    disclaimers = response_texts("utter_disclaimer")
    assert [i for i, replies in enumerate(received) if disclaimers & set(replies)] == [0]
    # The clinic slots A's session start set are used by B's handoff.
    assert received[2][-1] in response_texts("utter_handoff", TEST_CLINIC_SLOTS), received[2]
    assert received[1][0] in response_texts("utter_iamabot")
    assert received[5][0] in response_texts("utter_youre_welcome")
    # PostgreSQL holds every turn once, in order, each followed by exactly its own replies.
    assert stored_turns(postgres, sender) == list(zip(TURNS, received, strict=True))


def test_simultaneous_messages_to_both_servers_are_serialised_by_the_lock_store(
    rasa_pair: tuple[RasaServer, RasaServer], postgres: Postgres, redis_lock_store: Redis
) -> None:
    sender = f"scale-{uuid.uuid4().hex}"
    rasa_pair[0].ask("hello", sender)
    locks_saved = lock_writes(redis_lock_store)

    texts = ("are you a bot?", "what can you do?")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            text: pool.submit(server.ask, text, sender)
            for server, text in zip(rasa_pair, texts, strict=True)
        }
        received = {text: reply_texts(future.result()) for text, future in futures.items()}

    stored = stored_turns(postgres, sender)[1:]
    assert sorted(text for text, _ in stored) == sorted(texts)
    for text, replies in stored:
        assert replies == received[text], stored
    # Each message took the conversation's ticket lock in Redis (RedisLockStore.save_lock).
    assert lock_writes(redis_lock_store) >= locks_saved + len(texts)
