"""WhatsApp through Twilio end to end: signed webhooks in, Twilio API calls out to the stand-in."""

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
from tests.support.platform_standins import PlatformStandIn, post_twilio

pytestmark = pytest.mark.e2e


def new_phone() -> str:
    return f"whatsapp:+1555{random.randint(10**6, 10**7 - 1)}"


def inbound(messaging: MessagingServer, phone: str, body: str) -> dict[str, str]:
    """The form Twilio posts for an incoming WhatsApp message."""
    return {
        "AccountSid": messaging.variables["TWILIO_ACCOUNT_SID"],
        "MessageSid": f"SM{random.randint(10**20, 10**21)}",
        "From": phone,
        "To": messaging.variables["TWILIO_WHATSAPP_NUMBER"],
        "Body": body,
        "NumMedia": "0",
    }


def ask(messaging: MessagingServer, phone: str, body: str) -> None:
    token = messaging.variables["TWILIO_AUTH_TOKEN"]
    reply = post_twilio(messaging.webhook("twilio"), inbound(messaging, phone, body), token)
    assert reply.status_code == 204, reply.text


def sent_to(platforms: PlatformStandIn, phone: str) -> list[str]:
    return [c.body["Body"] for c in platforms.calls_to("/Messages.json") if c.body["To"] == phone]


def test_question_gets_answer_and_handoff_from_the_clinic_number(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    phone = new_phone()
    ask(messaging, phone, QUESTION)
    calls = [c for c in platforms.calls_to("/Messages.json") if c.body["To"] == phone]
    assert {c.body["From"] for c in calls} == {messaging.variables["TWILIO_WHATSAPP_NUMBER"]}
    assert_answer_then_handoff([c.body["Body"] for c in calls])


def test_buttons_become_numbered_options_and_a_number_presses_one(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    phone = new_phone()
    ask(messaging, phone, "what can you do?")
    buttons = capability_buttons(messaging.rasa)
    options = sent_to(platforms, phone)[-1].splitlines()[1:]
    assert options == [f"{n}. {b['title']}" for n, b in enumerate(buttons, start=1)]

    already_sent = len(sent_to(platforms, phone))
    ask(messaging, phone, str(buttons.index(what_is_button(buttons)) + 1))
    assert_answer_then_handoff(sent_to(platforms, phone)[already_sent:])


def test_unsigned_or_wrongly_signed_webhook_is_rejected(
    messaging: MessagingServer, platforms: PlatformStandIn
) -> None:
    phone = new_phone()
    form = inbound(messaging, phone, QUESTION)
    unsigned = requests.post(messaging.webhook("twilio"), data=form, timeout=60)
    wrongly_signed = post_twilio(messaging.webhook("twilio"), form, "not-the-auth-token")
    assert (unsigned.status_code, wrongly_signed.status_code) == (403, 403)
    assert sent_to(platforms, phone) == []
