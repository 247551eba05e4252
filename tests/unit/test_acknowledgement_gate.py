"""The acknowledgement gate: "ok, noted" after an answer is taken in, not answered again."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.acknowledgement_gate import AcknowledgementGate, acknowledgement
from nlu.answer_outputs import set_answer_outputs
from nlu.follow_up import READ_AFTER_KEY
from nlu.intent_override import DECIDED_BY_KEY, set_top_intent


@pytest.mark.parametrize(
    ("text", "acknowledges"),
    [
        ("ok so no sauna this week lol, got it", True),
        ("alright a week it is then", True),
        ("ok ice and no gym for a few days, noted", True),
        ("hmm ok, lots to think about", True),
        ("k", True),
        ("thx, good to know", True),
        ("right so not a total cure. fair enough", True),
        ("ok good to know there are options", True),
        ("ok that's not too bad then", True),
        ("oh ok no worries", True),
        ("ok and bruising", False),
        ("ok whats the rest of the aftercare", False),
        ("ok n wat else", False),
        ("hmm no, I meant tablets", False),
        ("ok then can i get another jab after 2 weeks", False),
        ("ok so is it normal to feel tired", False),
        ("ok tell me about the heat", False),
        ("ok got it?", False),
        ("not what causes it, I meant how they find out that you've got it", False),
        ("how long does it last", False),
        ("my neck is stiff", False),
        ("", False),
    ],
)
def test_which_messages_only_acknowledge(text: str, acknowledges: bool) -> None:
    assert (acknowledgement(text) is not None) is acknowledges


def test_thanks_stay_thanks() -> None:
    assert acknowledgement("ok thanks, noted") == "thank"
    assert acknowledgement("ok, noted") == "affirm"


def answered(text: str, answer: str, read_after: str | None) -> Message:
    """A message the answer model gave `answer` (sure of it), read after `read_after`."""
    message = Message(data={TEXT: text})
    set_answer_outputs(message, {"affirm": 0.06, "ask_frequency": 0.04, answer: 0.9}, 4)
    if read_after:
        message.set(READ_AFTER_KEY, read_after, add_to_output=True)
    return message


GATE = AcknowledgementGate(AcknowledgementGate.get_default_config())


@pytest.mark.parametrize(
    ("answer", "read_after"),
    [
        ("ask_how_long", "ask_how_long"),
        ("ask_post_care", "ask_post_care/heat"),  # after one part of the same answer
        ("faq/causes", "faq/causes"),
    ],
)
def test_an_acknowledgement_given_the_answer_it_follows_is_a_yes(
    answer: str, read_after: str
) -> None:
    (message,) = GATE.process([answered("ah ok, several months is decent", answer, read_after)])
    assert message.get(INTENT)["name"] == "affirm"
    assert message.get(DECIDED_BY_KEY) == [{"by": "acknowledgement gate", "intent": "affirm"}]


@pytest.mark.parametrize("torn_with", ["ask_how_long", "affirm"])
def test_an_acknowledgement_under_did_you_mean_is_a_yes(torn_with: str) -> None:
    """The FallbackClassifier found the answer model torn between the answer it follows and
    another (or "yes"): "Did you mean" would ask about a message that asks nothing."""
    message = answered("right, a few days to a week. noted", torn_with, "ask_how_long")
    set_top_intent(message, "nlu_fallback", 0.3, by="fallback")
    (message,) = GATE.process([message])
    assert message.get(INTENT)["name"] == "affirm"


def test_did_you_mean_with_another_answer_stays() -> None:
    message = answered("right, a few days to a week. noted", "faq/causes", "ask_how_long")
    set_top_intent(message, "nlu_fallback", 0.3, by="fallback")
    (message,) = GATE.process([message])
    assert message.get(INTENT)["name"] == "nlu_fallback"


@pytest.mark.parametrize(
    ("text", "answer", "read_after"),
    [
        ("ah ok, several months is decent", "ask_how_long", None),  # a first message
        ("ah ok, several months is decent", "ask_how_long", "ask_frequency"),  # another answer
        ("ah ok, several months is decent", "faq/causes", "faq/diagnosis"),
        ("ok and how long does it last", "ask_how_long", "ask_how_long"),  # asks again
        ("good morning to you too", "greet", "greet"),  # small talk answered in kind
    ],
)
def test_everything_else_keeps_its_answer(text: str, answer: str, read_after: str | None) -> None:
    (message,) = GATE.process([answered(text, answer, read_after)])
    assert message.get(INTENT)["name"] == answer.split("/")[0]
    assert message.get(DECIDED_BY_KEY) is None
