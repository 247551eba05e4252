"""Conversations built by hand for tests: the parse a message got, and a tracker ending on it."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from nlu.answer_labels import RETRIEVAL_SEPARATOR


def parse_answered(answer: str, text: str = "…") -> dict:
    """The parse of a message `text` that got `answer` (an intent, or `faq/causes`)."""
    intent = answer.split(RETRIEVAL_SEPARATOR)[0]
    selector: dict = {"all_retrieval_intents": ["faq", "advice"]}
    if RETRIEVAL_SEPARATOR in answer:
        selector[intent] = {"response": {"intent_response_key": answer}}
    return {"text": text, "intent": {"name": intent}, "response_selector": selector}


def tracker_after(parse: dict | None, sent: tuple[str, ...] = ()) -> DialogueStateTracker:
    """A conversation whose last message was `parse`, answered with the responses `sent`."""
    events = [UserUttered(parse["text"], parse["intent"], parse_data=parse)] if parse else []
    events += [BotUttered("…", metadata={"utter_action": name}) for name in sent]
    return DialogueStateTracker.from_events("someone", events, domain=Domain.empty())
