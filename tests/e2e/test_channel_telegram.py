"""Telegram end to end: signed updates in, Bot API calls out to the loopback stand-in."""

from __future__ import annotations

import json
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
from tests.support.platform_standins import ApiCall, PlatformStandIn, post_telegram

pytestmark = pytest.mark.e2e


def new_chat() -> dict:
    chat_id = random.randint(10**8, 10**9)
    return {"id": chat_id, "type": "private", "first_name": "Pat"}


def text_update(chat: dict, text: str) -> dict:
    message = {"message_id": 1, "date": 1700000000, "chat": chat, "text": text}
    return {"update_id": 1, "message": {**message, "from": {**chat, "is_bot": False}}}


def button_update(chat: dict, data: str) -> dict:
    message = {"message_id": 2, "date": 1700000000, "chat": chat, "text": "..."}
    callback = {"id": "1", "from": {**chat, "is_bot": False}, "chat_instance": "1", "data": data}
    return {"update_id": 2, "callback_query": {**callback, "message": message}}


def sent_to(platforms: PlatformStandIn, chat: dict) -> list[ApiCall]:
    return [c for c in platforms.calls_to("/sendMessage") if c.body["chat_id"] == str(chat["id"])]


def ask(messaging: MessagingServer, update: dict) -> requests.Response:
    secret = messaging.variables["TELEGRAM_SECRET_TOKEN"]
    reply = post_telegram(messaging.webhook("telegram"), update, secret)
    assert reply.status_code == 200, reply.text
    return reply


def test_question_gets_answer_and_handoff_in_the_same_chat(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    chat = new_chat()
    ask(messaging, text_update(chat, QUESTION))
    assert_answer_then_handoff([call.body["text"] for call in sent_to(platforms, chat)])


def test_buttons_are_an_inline_keyboard_and_pressing_one_answers(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    chat = new_chat()
    ask(messaging, text_update(chat, "what can you do?"))
    [with_buttons] = [c for c in sent_to(platforms, chat) if "reply_markup" in c.body]
    keyboard = json.loads(with_buttons.body["reply_markup"])["inline_keyboard"]
    assert all(len(row) == 1 for row in keyboard), keyboard
    pressable = [(b["text"], b["callback_data"]) for row in keyboard for b in row]
    buttons = capability_buttons(messaging.rasa)
    assert pressable == [(b["title"], b["payload"]) for b in buttons]

    already_sent = len(sent_to(platforms, chat))
    reply = ask(messaging, button_update(chat, what_is_button(buttons)["payload"]))
    assert reply.json() == {"method": "answerCallbackQuery", "callback_query_id": "1"}
    answer = sent_to(platforms, chat)[already_sent:]
    assert_answer_then_handoff([call.body["text"] for call in answer])


@pytest.mark.parametrize("secret", ["wrong-secret", ""])
def test_update_without_the_secret_token_is_rejected(
    messaging: MessagingServer, platforms: PlatformStandIn, secret: str
) -> None:
    chat = new_chat()
    reply = post_telegram(messaging.webhook("telegram"), text_update(chat, QUESTION), secret)
    assert reply.status_code == 403
    assert sent_to(platforms, chat) == []
    assert post_telegram(messaging.webhook("telegram"), {}, secret).status_code == 403
