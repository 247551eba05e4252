"""Two Rasa servers share one conversation through PostgreSQL and the Redis lock store."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.responses import TEST_CLINIC_SLOTS, response_texts
from tests.support.servers import RasaServer, reply_texts
from tests.support.services import Postgres, Redis

pytestmark = pytest.mark.integration

TURNS = (
    "hello",
    "are you a bot?",
    "what is cervical dystonia?",
    "what can you do?",
    "how does botox work?",
    "thanks!",
)

# Pairs of messages sent to the two servers at the same moment, one pair after another.
SIMULTANEOUS = (
    ("are you a bot?", "what can you do?"),
    ("thanks!", "how does botox work?"),
    ("what is cervical dystonia?", "bye"),
)


def stored_log(postgres: Postgres, sender: str) -> list[tuple[str, str]]:
    """The conversation's user and bot texts, in the order PostgreSQL holds them."""
    with postgres.connect() as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT type_name, data FROM events WHERE sender_id = %s AND type_name IN "
            "('user', 'bot') ORDER BY id",
            (sender,),
        )
        return [(type_name, json.loads(data)["text"]) for type_name, data in cursor.fetchall()]


def expected_log(turns: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    """User texts and replies in order; the disclaimer of a session start precedes its message."""
    disclaimers = response_texts("utter_disclaimer")
    log: list[tuple[str, str]] = []
    for text, replies in turns:
        log += [("bot", reply) for reply in replies if reply in disclaimers]
        log.append(("user", text))
        log += [("bot", reply) for reply in replies if reply not in disclaimers]
    return log


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
    assert stored_log(postgres, sender) == expected_log(list(zip(TURNS, received, strict=True)))


def test_simultaneous_messages_to_both_servers_are_serialised_by_the_lock_store(
    rasa_pair: tuple[RasaServer, RasaServer], postgres: Postgres, redis_lock_store: Redis
) -> None:
    sender = f"scale-{uuid.uuid4().hex}"
    rasa_pair[0].ask("hello", sender)
    locks_saved = lock_writes(redis_lock_store)

    received: dict[str, list[str]] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for pair in SIMULTANEOUS:
            futures = {
                text: pool.submit(server.ask, text, sender)
                for server, text in zip(rasa_pair, pair, strict=True)
            }
            received |= {text: reply_texts(future.result()) for text, future in futures.items()}
    texts = list(received)

    # Every turn is stored once, one after another, each followed by exactly its own replies.
    log = stored_log(postgres, sender)
    users = [index for index, (speaker, _) in enumerate(log) if speaker == "user"][1:]
    assert sorted(log[index][1] for index in users) == sorted(texts), log
    for index in users:
        replies = received[log[index][1]]
        assert log[index + 1 : index + 1 + len(replies)] == [("bot", r) for r in replies], log
    assert len(log) == users[-1] + 1 + len(received[log[users[-1]][1]]), log
    # Each message took the conversation's ticket lock in Redis (the lock store saves it with SET).
    assert lock_writes(redis_lock_store) >= locks_saved + len(texts)
