"""Every kind of reply in every state of the action server, from a conversation's first message on.

{up, down, slow, HTTP 500, malformed reply} x {first message of a new conversation, mid-
conversation} x {emergency, self-harm, FAQ, custom-action topic}. One Rasa server, whose action
endpoint is a stand-in (tests/support/standin_action_server.py) the test switches between states;
the Rasa server waits ACTION_TIMEOUT_SECONDS for an action, and "slow" answers after that.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.responses import TEST_CLINIC_SLOTS, response_texts
from tests.support.servers import ActionServer, RasaServer, rasa_server, reply_texts
from tests.support.standin_action_server import (
    ActionServerState,
    StandInActionServer,
    stand_in_action_server,
)

pytestmark = pytest.mark.e2e

ACTION_TIMEOUT_SECONDS = 2
MESSAGES = {
    "emergency": "I cant breathe properly",
    "self_harm": "i want to kill myself",
    "faq": "what is cervical dystonia?",
    "custom_action": "What are the side effects of botox?",
}
# The replies that need no action server, as response names, after the disclaimer if any.
FIXED_REPLIES = {
    "emergency": ["utter_emergency", "utter_emergency_contact_clinic"],
    "self_harm": ["utter_self_harm"],
    "faq": ["utter_faq/what_is_cervical_dystonia", "utter_handoff"],
}
UNAVAILABLE = ["utter_answer_unavailable", "utter_handoff"]


def texts(name: str) -> set[str]:
    return response_texts(name, TEST_CLINIC_SLOTS)


@pytest.fixture(scope="module")
def stand_in(actions: ActionServer) -> Iterator[StandInActionServer]:
    with stand_in_action_server(actions.webhook, ACTION_TIMEOUT_SECONDS + 1.5) as server:
        yield server


@pytest.fixture(scope="module")
def rasa_on_stand_in(
    tmp_path_factory: pytest.TempPathFactory, stand_in: StandInActionServer
) -> Iterator[RasaServer]:
    workdir: Path = tmp_path_factory.mktemp("fault-matrix")
    env = {"ACTION_TIMEOUT_SECONDS": str(ACTION_TIMEOUT_SECONDS)}
    with rasa_server(workdir, stand_in.webhook, env=env) as server:
        yield server


def assert_replies_are(replies: list[str], names: list[str]) -> None:
    assert len(replies) == len(names), replies
    for reply, name in zip(replies, names, strict=True):
        assert reply in texts(name), (name, replies)


@pytest.mark.parametrize("state", list(ActionServerState), ids=lambda state: state.value)
@pytest.mark.parametrize("position", ["first_message", "mid_conversation"])
@pytest.mark.parametrize("kind", list(MESSAGES))
def test_reply_in_every_action_server_state(
    rasa_on_stand_in: RasaServer,
    stand_in: StandInActionServer,
    state: ActionServerState,
    position: str,
    kind: str,
) -> None:
    stand_in.set_state(state)
    sender = f"matrix-{uuid.uuid4().hex}"
    expected_start: list[str] = ["utter_disclaimer"]
    if position == "mid_conversation":
        assert_replies_are(
            reply_texts(rasa_on_stand_in.ask("hello", sender)), [*expected_start, "utter_greet"]
        )
        expected_start = []

    replies = reply_texts(rasa_on_stand_in.ask(MESSAGES[kind], sender))

    assert_replies_are(replies[: len(expected_start)], expected_start)
    body = replies[len(expected_start) :]
    if kind in FIXED_REPLIES:
        assert_replies_are(body, FIXED_REPLIES[kind])
    elif state is ActionServerState.UP:
        assert len(body) >= 2, body
        assert not texts("utter_answer_unavailable") & set(body), body
        assert body[-1] in texts("utter_handoff"), body
    else:
        assert_replies_are(body, UNAVAILABLE)


def test_the_clinic_details_follow_the_action_server_back(
    rasa_on_stand_in: RasaServer, stand_in: StandInActionServer
) -> None:
    """Down, then up again: each new conversation names the clinic from the environment."""
    for state in (ActionServerState.DOWN, ActionServerState.UP, ActionServerState.DOWN):
        stand_in.set_state(state)
        replies = reply_texts(
            rasa_on_stand_in.ask(MESSAGES["custom_action"], f"back-{uuid.uuid4().hex}")
        )
        assert replies[-1] in texts("utter_handoff"), (state, replies)
        assert TEST_CLINIC_SLOTS["clinic_name"] in replies[-1]
