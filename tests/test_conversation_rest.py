"""End to end over REST: the real Rasa and action servers answer the first slice of questions."""

from __future__ import annotations

import pytest

from tests.servers import TEST_CLINIC, RasaServer, reply_texts

pytestmark = pytest.mark.e2e

HANDOFF_START = "For advice about your own treatment, please talk to your healthcare provider."


def assert_handoff_last(replies: list[str]) -> None:
    assert replies[-1].startswith(HANDOFF_START), replies
    assert TEST_CLINIC["CLINIC_NAME"] in replies[-1]
    assert TEST_CLINIC["CLINIC_PHONE"] in replies[-1]
    assert TEST_CLINIC["CLINIC_BOOKING_URL"] in replies[-1]


def test_first_message_carries_the_disclaimer(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("hello", sender))
    assert "automated assistant" in replies[0]
    assert "not medical advice" in replies[0]
    assert "cervical dystonia" in replies[-1]


def test_what_is_cervical_dystonia(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("what is cervical dystonia?", sender))
    answer = next(r for r in replies if "spasmodic torticollis" in r)
    assert "contract involuntarily" in answer
    assert "neck" in answer
    assert_handoff_last(replies)


def test_how_botox_works_names_acetylcholine_and_hands_off(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("how does botox work?", sender))
    assert any("acetylcholine" in r for r in replies), replies
    assert_handoff_last(replies)


def test_how_effective(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("how effective are the injections for my torticollis?", sender))
    assert any("different for each person" in r for r in replies), replies
    assert_handoff_last(replies)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("are you a bot?", "automated assistant, not a person"),
        ("what can you do?", "I can explain"),
        ("thanks!", "You're welcome"),
        ("bye", "Goodbye"),
    ],
)
def test_small_talk(rasa: RasaServer, sender: str, message: str, expected: str) -> None:
    rasa.ask("hi", sender)
    replies = reply_texts(rasa.ask(message, sender))
    assert any(expected in r for r in replies), replies


def test_capability_buttons_are_sent(rasa: RasaServer, sender: str) -> None:
    rasa.ask("hi", sender)
    [*_, with_buttons] = rasa.ask("what can you do?", sender)
    titles = [button["title"] for button in with_buttons["buttons"]]
    assert "What is cervical dystonia?" in titles
