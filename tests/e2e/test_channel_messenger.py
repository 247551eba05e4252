"""Facebook Messenger end to end: signed webhooks in, Graph API calls out to the stand-in."""

from __future__ import annotations

import random

import pytest
import requests

from tests.support.channel_fixtures import (
    QUESTION,
    MessagingServer,
    assert_answer_then_handoff,
    capability_buttons,
    what_is_button,
)
from tests.support.platform_standins import PlatformStandIn, post_facebook

pytestmark = pytest.mark.e2e


def new_user() -> str:
    return str(random.randint(10**15, 10**16))


def webhook_payload(user: str, event: dict) -> dict:
    """What Messenger posts: one page entry with one messaging event from `user`."""
    messaging = {"sender": {"id": user}, "recipient": {"id": "PAGE"}, "timestamp": 0, **event}
    return {"object": "page", "entry": [{"id": "PAGE", "time": 0, "messaging": [messaging]}]}


def send(messaging: MessagingServer, user: str, event: dict) -> None:
    secret = messaging.variables["FACEBOOK_APP_SECRET"]
    reply = post_facebook(messaging.webhook("facebook"), webhook_payload(user, event), secret)
    assert reply.status_code == 200, reply.text


def messages_to(platforms: PlatformStandIn, user: str) -> list[dict]:
    """The messages (not typing indicators) the bot sent to `user`."""
    calls = platforms.calls_to("/me/messages")
    return [
        c.body["message"]
        for c in calls
        if c.body["recipient"]["id"] == user and "message" in c.body
    ]


def test_question_gets_answer_and_handoff_sent_to_the_user(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    user = new_user()
    send(messaging, user, {"message": {"mid": "m1", "text": QUESTION}})
    assert_answer_then_handoff([message["text"] for message in messages_to(platforms, user)])
    token = messaging.variables["FACEBOOK_PAGE_ACCESS_TOKEN"]
    assert {c.query["access_token"] for c in platforms.calls_to("/me/messages")} == {token}


def test_buttons_are_quick_replies_and_pressing_one_answers(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    user = new_user()
    send(messaging, user, {"message": {"mid": "m1", "text": "what can you do?"}})
    quick_replies = messages_to(platforms, user)[-1]["quick_replies"]
    buttons = capability_buttons(messaging.rasa)
    assert [reply["payload"] for reply in quick_replies] == [b["payload"] for b in buttons]
    for reply, button in zip(quick_replies, buttons, strict=True):
        assert reply["content_type"] == "text"
        assert len(reply["title"]) <= 20
        assert button["title"].startswith(reply["title"].removesuffix("…"))

    already_sent = len(messages_to(platforms, user))
    button = what_is_button(buttons)
    quick_reply = {"text": button["title"], "quick_reply": {"payload": button["payload"]}}
    send(messaging, user, {"message": {"mid": "m2", **quick_reply}})
    answer = messages_to(platforms, user)[already_sent:]
    assert_answer_then_handoff([message["text"] for message in answer])


def test_postback_answers(messaging: MessagingServer, platforms: PlatformStandIn) -> None:
    user = new_user()
    payload = what_is_button(capability_buttons(messaging.rasa))["payload"]
    send(messaging, user, {"postback": {"title": "Get started", "payload": payload}})
    assert_answer_then_handoff([message["text"] for message in messages_to(platforms, user)])


def test_unsigned_or_wrongly_signed_webhook_is_rejected(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    user = new_user()
    payload = webhook_payload(user, {"message": {"mid": "m1", "text": QUESTION}})
    unsigned = requests.post(messaging.webhook("facebook"), json=payload, timeout=60)
    wrongly_signed = post_facebook(messaging.webhook("facebook"), payload, "not-the-app-secret")
    assert (unsigned.status_code, wrongly_signed.status_code) == (403, 403)
    assert messages_to(platforms, user) == []


def test_signed_body_that_is_not_a_webhook_payload_gets_400(messaging: MessagingServer) -> None:
    secret = messaging.variables["FACEBOOK_APP_SECRET"]
    reply = post_facebook(messaging.webhook("facebook"), {"entry": "nonsense"}, secret)
    assert reply.status_code == 400


def test_webhook_verification_echoes_the_challenge_only_for_the_verify_token(
    messaging: MessagingServer,
) -> None:
    def verify(token: str) -> requests.Response:
        query = {"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "42"}
        return requests.get(messaging.webhook("facebook"), params=query, timeout=30)

    right = verify(messaging.variables["FACEBOOK_VERIFY_TOKEN"])
    assert (right.status_code, right.text) == (200, "42")
    assert verify("wrong").status_code == 403
