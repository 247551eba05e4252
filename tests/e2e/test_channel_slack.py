"""Slack end to end: signed Events API and interactivity requests in, Web API calls out."""

from __future__ import annotations

import random

import pytest

from tests.support.channel_fixtures import (
    HANDOFF_MARK,
    QUESTION,
    MessagingServer,
    assert_answer_then_handoff,
    capability_buttons,
    what_is_button,
)
from tests.support.platform_standins import (
    PlatformStandIn,
    post_slack_event,
    post_slack_interaction,
)

pytestmark = pytest.mark.e2e

POST_MESSAGE = "/chat.postMessage"


def new_direct_message() -> tuple[str, str]:
    """A user id and the id of their direct-message channel with the bot."""
    number = random.randint(10**8, 10**9)
    return f"U{number}", f"D{number}"


def message_event(user: str, channel: str, text: str) -> dict:
    """What the Events API posts when `user` writes `text` to the bot."""
    event = {"type": "message", "channel_type": "im", "user": user, "channel": channel}
    return {
        "type": "event_callback",
        "event_id": f"Ev{random.randint(10**8, 10**9)}",
        "authorizations": [{"user_id": "UBOT"}],
        "event": {**event, "text": text, "ts": "1700000000.000100"},
    }


def button_click(user: str, channel: str, value: str) -> dict:
    """What Slack's interactivity posts when `user` clicks a button with `value`."""
    action = {"type": "button", "action_id": "a", "block_id": "b", "value": value}
    return {
        "type": "block_actions",
        "user": {"id": user},
        "channel": {"id": channel},
        "message": {"ts": "1700000000.000200"},
        "actions": [action],
    }


def replies_until_handoff(platforms: PlatformStandIn, channel: str, since: int = 0) -> list[str]:
    """The texts posted to `channel` (from call number `since` on) once the handoff is there."""
    calls = platforms.wait_for(
        POST_MESSAGE,
        lambda call: call.body["channel"] == channel and HANDOFF_MARK in call.body["text"].lower(),
        since,
    )
    return [call.body["text"] for call in calls if call.body["channel"] == channel]


def test_question_gets_answer_and_handoff_in_the_direct_message(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    user, channel = new_direct_message()
    secret = messaging.variables["SLACK_SIGNING_SECRET"]
    event = message_event(user, channel, QUESTION)
    assert post_slack_event(messaging.webhook("slack"), event, secret).status_code == 200
    assert_answer_then_handoff(replies_until_handoff(platforms, channel))


def test_buttons_are_blocks_and_a_click_answers(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    user, channel = new_direct_message()
    secret = messaging.variables["SLACK_SIGNING_SECRET"]
    event = message_event(user, channel, "what can you do?")
    assert post_slack_event(messaging.webhook("slack"), event, secret).status_code == 200
    calls = platforms.wait_for(
        POST_MESSAGE, lambda call: call.body["channel"] == channel and "blocks" in call.body
    )
    [with_blocks] = [c for c in calls if c.body["channel"] == channel and "blocks" in c.body]
    [section, actions] = with_blocks.body["blocks"]
    assert section["text"] == {"type": "plain_text", "text": with_blocks.body["text"]}
    buttons = capability_buttons(messaging.rasa)
    assert actions["elements"] == [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": b["title"]},
            "value": b["payload"],
        }
        for b in buttons
    ]

    already_sent = len(platforms.calls_to(POST_MESSAGE))
    click = button_click(user, channel, what_is_button(buttons)["payload"])
    assert post_slack_interaction(messaging.webhook("slack"), click, secret).status_code == 200
    assert_answer_then_handoff(replies_until_handoff(platforms, channel, already_sent))


@pytest.mark.parametrize("secret", ["not-the-signing-secret", ""])
def test_wrongly_signed_event_is_rejected(messaging: MessagingServer, secret: str) -> None:
    user, channel = new_direct_message()
    event = message_event(user, channel, QUESTION)
    assert post_slack_event(messaging.webhook("slack"), event, secret).status_code == 400
