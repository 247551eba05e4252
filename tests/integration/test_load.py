"""Load: 50 conversations of 10 turns at once, over loopback, spread over both Rasa servers.

Conversation i asks question (i + turn) at each turn, so at any moment neighbouring conversations
ask different questions: a reply that reached the wrong conversation would answer the wrong one.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.conversations import QUESTIONS, answers
from tests.support.responses import response_texts
from tests.support.servers import RasaServer, reply_texts

pytestmark = pytest.mark.integration

CONVERSATIONS = 50
TURNS = 10


def hold_conversation(server: RasaServer, number: int) -> list[list[str]]:
    """Ask TURNS questions in one conversation; the replies of each turn."""
    sender = f"load-{number}-{uuid.uuid4().hex}"
    order = [(number + turn) % len(QUESTIONS) for turn in range(TURNS)]
    return [reply_texts(server.ask(QUESTIONS[q][0], sender)) for q in order]


def test_fifty_concurrent_conversations_each_get_their_own_answers(
    rasa_pair: tuple[RasaServer, RasaServer],
) -> None:
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        futures = [
            pool.submit(hold_conversation, rasa_pair[number % 2], number)
            for number in range(CONVERSATIONS)
        ]
        conversations = [future.result() for future in futures]  # raises on any HTTP error

    disclaimers = response_texts("utter_disclaimer")
    for number, turns in enumerate(conversations):
        assert len(turns) == TURNS
        for turn, replies in enumerate(turns):
            question = (number + turn) % len(QUESTIONS)
            assert answers(question, replies), (number, turn, QUESTIONS[question][0], replies)
            assert bool(disclaimers & set(replies)) == (turn == 0), (number, turn, replies)
