"""The small pieces of the messaging channels: signatures and WhatsApp's numbered options."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.messenger import is_signed_by_facebook, quick_reply
from channels.whatsapp import chosen_payload, last_offered_buttons, numbered_options

BUTTONS = [{"title": "First", "payload": "/first"}, {"title": "Second", "payload": "/second"}]
BODY = b'{"object": "page"}'
SECRET = "app-secret"


def signature(algorithm: str, secret: str = SECRET) -> str:
    digest = hmac.new(secret.encode(), BODY, getattr(hashlib, algorithm)).hexdigest()
    return f"{algorithm}={digest}"


@pytest.mark.parametrize(
    ("headers", "signed"),
    [
        ({"X-Hub-Signature-256": signature("sha256")}, True),
        ({"X-Hub-Signature": signature("sha1")}, True),
        ({"X-Hub-Signature-256": signature("sha256", "other")}, False),
        ({"X-Hub-Signature": signature("sha1", "other")}, False),
        ({"X-Hub-Signature": signature("md5")}, False),
        ({"X-Hub-Signature": "garbage"}, False),
        ({}, False),
    ],
)
def test_facebook_signature(headers: dict[str, str], signed: bool) -> None:
    assert is_signed_by_facebook(SECRET, BODY, headers) is signed


def test_numbered_options_follow_the_text() -> None:
    assert numbered_options("Pick one:", BUTTONS) == "Pick one:\n1. First\n2. Second"


@pytest.mark.parametrize(
    ("reply", "expected"),
    [("1", "/first"), (" 2 ", "/second"), ("3", "3"), ("0", "0"), ("first", "first")],
)
def test_a_number_chooses_that_button(reply: str, expected: str) -> None:
    assert chosen_payload(reply, BUTTONS) == expected


def tracker(*events: object) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("someone", list(events))


def test_buttons_offered_since_the_user_last_wrote_count() -> None:
    offered = tracker(
        UserUttered("hi"),
        BotUttered("Pick one:", {"buttons": BUTTONS}),
        ActionExecuted("utter_handoff"),
        BotUttered("Talk to your provider."),
    )
    assert last_offered_buttons(offered) == BUTTONS


def test_buttons_from_an_earlier_turn_do_not_count() -> None:
    answered = tracker(BotUttered("Pick one:", {"buttons": BUTTONS}), UserUttered("1"))
    assert last_offered_buttons(answered) == []
    assert last_offered_buttons(None) == []


@pytest.mark.parametrize(
    ("title", "shown"),
    [("Side effects", "Side effects"), ("What is cervical dystonia?", "What is cervical dy…")],
)
def test_quick_reply_titles_fit_messenger(title: str, shown: str) -> None:
    assert quick_reply({"title": title, "payload": "/ask"}) == {
        "content_type": "text",
        "title": shown,
        "payload": "/ask",
    }
