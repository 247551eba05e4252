"""The website widget's channel: Socket.IO with session persistence, driven by a real client."""

from __future__ import annotations

import pytest

from tests.support.channel_fixtures import (
    DISCLAIMER_MARK,
    HANDOFF_MARK,
    QUESTION,
    assert_answer_then_handoff,
    capability_buttons,
)
from tests.support.servers import RasaServer
from tests.support.socketio_client import widget_client

pytestmark = pytest.mark.e2e


def is_handoff(message: dict) -> bool:
    return HANDOFF_MARK in message.get("text", "").lower()


def test_question_over_socketio_gets_answer_and_handoff(rasa: RasaServer) -> None:
    with widget_client(rasa.url) as client:
        session_id = client.start_session(None)
        assert session_id
        client.say(QUESTION, session_id)
        replies = client.replies_until(is_handoff)
    assert_answer_then_handoff([message["text"] for message in replies])


def test_reconnecting_with_the_session_id_continues_the_conversation(rasa: RasaServer) -> None:
    with widget_client(rasa.url) as first:
        session_id = first.start_session(None)
        first.say(QUESTION, session_id)
        opening = first.replies_until(is_handoff)
    with widget_client(rasa.url) as reloaded:
        assert reloaded.start_session(session_id) == session_id
        reloaded.say("what can you do?", session_id)
        later = reloaded.replies_until(lambda message: "buttons" in message)
    assert DISCLAIMER_MARK in opening[0]["text"]
    assert not any(DISCLAIMER_MARK in message.get("text", "") for message in later)
    buttons = [(b["title"], b["payload"]) for b in later[-1]["buttons"]]
    assert buttons == [(b["title"], b["payload"]) for b in capability_buttons(rasa)]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("just a string", "it was not a message object"),
        ({"session_id": "set-below"}, "it had no text"),
        ({"message": 42, "session_id": "set-below"}, "it had no text"),
        ({"message": "what is cervical dystonia?"}, "it had no session id"),
        (
            {"message": "hi", "session_id": "set-below", "metadata": "not json"},
            "its metadata was not an object",
        ),
    ],
)
def test_malformed_payload_gets_a_reply_and_the_session_goes_on(
    rasa: RasaServer, payload: object, reason: str
) -> None:
    with widget_client(rasa.url) as client:
        session_id = client.start_session(None)
        if isinstance(payload, dict) and payload.get("session_id") == "set-below":
            payload = {**payload, "session_id": session_id}
        client.client.emit("user_uttered", payload)
        [complaint] = client.replies_until(lambda message: True)
        assert complaint["text"].startswith("Sorry, I couldn't read that message")
        assert reason in complaint["text"]
        client.say(QUESTION, session_id)
        replies = client.replies_until(is_handoff)
    assert_answer_then_handoff([message["text"] for message in replies])


def test_answer_keeps_its_follow_up_buttons_before_the_handoff(rasa: RasaServer) -> None:
    """Buttons travel as `buttons` (shown under any message), not last-message quick replies."""
    with widget_client(rasa.url) as client:
        session_id = client.start_session(None)
        client.say(QUESTION, session_id)
        replies = client.replies_until(is_handoff)
    answer = next(message for message in replies if message.get("buttons"))
    assert replies.index(answer) < len(replies) - 1
    assert all(set(button) == {"title", "payload"} for button in answer["buttons"])
    assert not any("quick_replies" in message for message in replies)
