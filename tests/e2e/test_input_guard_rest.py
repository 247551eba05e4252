"""The input guard end to end: bad input over the real REST channel gets a clear reply or error."""

from __future__ import annotations

import pytest
import requests

from tests.support.servers import RasaServer, reply_texts

pytestmark = pytest.mark.e2e

EMPTY_PROMPT = "I didn't catch a question there."
SHORTEN = "Please shorten your question"


def assert_still_answers(rasa: RasaServer, sender: str) -> None:
    """The conversation goes on: an ordinary question gets its answer."""
    replies = reply_texts(rasa.ask("what is cervical dystonia?", sender))
    assert any("spasmodic torticollis" in reply for reply in replies), replies


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\x00\x07", "???", "🙂🙂"])
def test_empty_messages_get_a_prompt(rasa: RasaServer, sender: str, text: str) -> None:
    replies = reply_texts(rasa.ask(text, sender))
    assert any(reply.startswith(EMPTY_PROMPT) for reply in replies), replies
    assert_still_answers(rasa, sender)


def test_an_essay_is_asked_to_be_shortened(rasa: RasaServer, sender: str) -> None:
    essay = "my neck has been twisting to the left for years and " * 200  # ~10,000 characters
    replies = reply_texts(rasa.ask(essay, sender))
    assert any(SHORTEN in reply for reply in replies), replies
    assert_still_answers(rasa, sender)


def test_control_characters_are_stripped_before_nlu(rasa: RasaServer, sender: str) -> None:
    replies = reply_texts(rasa.ask("what is\x00 cervical\x1b dystonia?", sender))
    assert any("spasmodic torticollis" in reply for reply in replies), replies


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"{not json", "JSON"),
        (b'{"sender": "someone"}', "'message' is missing"),
        (b'{"sender": "someone", "message": 42}', "'message' must be a string"),
    ],
)
def test_malformed_requests_get_400_and_a_clear_error(
    rasa: RasaServer, sender: str, body: bytes, error: str
) -> None:
    response = requests.post(
        f"{rasa.url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400
    assert error in response.json()["error"]
    assert_still_answers(rasa, sender)
