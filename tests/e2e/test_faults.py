"""Faults: the action server stops and comes back, Rasa restarts mid-conversation.

One scenario on its own server pair (the shared pair must stay healthy for the other tests). The
Rasa server uses the SQL tracker store (SQLite here, as in endpoints.yml).
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack
from pathlib import Path

import pytest

from dialogue.action_failure_policy import (
    ActionFailurePolicy,
)
from tests.support.responses import TEST_CLINIC_SLOTS, response_texts
from tests.support.servers import TEST_CLINIC, action_server, free_port, rasa_server, reply_texts

CUSTOM_ACTION_QUESTION = "What are the side effects of botox?"
FAQ_QUESTION = "what is cervical dystonia?"
EMERGENCY = "I can't breathe after my injection"
RECOVERY = ActionFailurePolicy.get_default_config()["responses"]


class RestartableActionServer:
    """The action server on a fixed port, stopped and started again by the test."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self._running = ExitStack()

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def start(self) -> None:
        self._running.enter_context(action_server(self.workdir, self.port, env=TEST_CLINIC))

    def stop(self) -> None:
        self._running.close()


def texts(name: str) -> set[str]:
    return response_texts(name, TEST_CLINIC_SLOTS)


def assert_apology_and_handoff(replies: list[str]) -> None:
    assert len(replies) == 2, replies
    assert replies[0] in texts("utter_answer_unavailable")
    assert replies[1] in texts("utter_handoff")


@pytest.mark.e2e
def test_replies_survive_a_stopped_action_server_and_a_rasa_restart(tmp_path: Path) -> None:
    sender = f"faults-{uuid.uuid4().hex}"
    actions = RestartableActionServer(tmp_path / "actions")
    actions.workdir.mkdir()
    actions.start()
    try:
        with rasa_server(tmp_path, actions.webhook) as rasa:
            first = reply_texts(rasa.ask("hello", sender))
            assert first[0] in texts("utter_disclaimer")

            actions.stop()
            # Answers that need the action server: an apology and the handoff (clinic slots kept).
            assert_apology_and_handoff(reply_texts(rasa.ask(CUSTOM_ACTION_QUESTION, sender)))
            # Answers that need no action server arrive in full, safety replies above all.
            faq = reply_texts(rasa.ask(FAQ_QUESTION, sender))
            assert texts("utter_faq/what_is_cervical_dystonia") & set(faq), faq
            emergency = reply_texts(rasa.ask(EMERGENCY, sender))
            assert texts("utter_emergency") & set(emergency), emergency
            # The next message is read in the light of the emergency: the advice again.
            again = reply_texts(rasa.ask("thanks!", sender))
            assert again and again[0] in texts("utter_emergency_follow_up"), again

        # A new Rasa server on the same tracker store, action server still down: the conversation
        # goes on (no second disclaimer) and the clinic slots set at its start are still there.
        with rasa_server(tmp_path, actions.webhook) as rasa:
            thanks = reply_texts(rasa.ask("thanks!", sender))
            assert thanks and thanks[0] in texts("utter_youre_welcome"), thanks
            assert_apology_and_handoff(reply_texts(rasa.ask(CUSTOM_ACTION_QUESTION, sender)))

            # The action server comes back: answers resume without restarting Rasa.
            actions.start()
            answer = reply_texts(rasa.ask(CUSTOM_ACTION_QUESTION, sender))
            assert not texts("utter_answer_unavailable") & set(answer), answer
            assert answer[-1] in texts("utter_handoff"), answer
            assert len(answer) >= 2, answer
    finally:
        actions.stop()
