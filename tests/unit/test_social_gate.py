"""The social-reply gate: questions misread as goodbye, thanks or "I'm a bot" are sent on."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.social_gate import SocialReplyGate, _tokens, is_misread_question


def tokens(text: str) -> list[str]:
    return _tokens(Message(data={TEXT: text}))


@pytest.mark.parametrize(
    ("intent", "text", "misread"),
    [
        ("thank", "ok thanks, but will the weakness go away?", True),
        ("goodbye", "bye for now, does it go away by itself", True),
        ("goodbye", "does it go away", True),
        ("thank", "thanks, will do", False),
        ("thank", "thank you so much", False),
        ("goodbye", "ok that's all, bye!", False),
        ("bot_challenge", "are you a real person?", False),
        ("bot_challenge", "is this automated", False),
        ("bot_challenge", "am i talking to a real doctor?", False),
        ("bot_challenge", "hi, am i talking to a nurse?", False),
        ("bot_challenge", "is the effect permanent?", True),
        ("faq", "does it go away?", False),
        ("affirm", "ok what should I avoid then", True),
        ("affirm", "ok how much does it cost then", True),
        ("deny", "no what i meant was the check-up", True),
        ("affirm", "ok that makes sense", False),
        ("affirm", "yes please?", False),
        ("deny", "no thanks, that's all", False),
        ("thank", "thanks what is it made of", True),
        ("greet", "hello, quick question, do i need to stop my blood thinners", True),
        ("greet", "hi what is cervical dystonia", True),
        ("greet", "hi there!", False),
        ("greet", "hello?", False),
    ],
)
def test_which_social_answers_are_misread_questions(intent: str, text: str, misread: bool) -> None:
    assert is_misread_question(intent, tokens(text)) is misread


def message(text: str, ranking: list[tuple[str, float]]) -> Message:
    ranked = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    msg = Message(data={TEXT: text})
    msg.set(INTENT, ranked[0], add_to_output=True)
    msg.set(INTENT_RANKING_KEY, ranked, add_to_output=True)
    return msg


GATE = SocialReplyGate(SocialReplyGate.get_default_config())


def test_a_misread_question_gets_the_best_other_answer() -> None:
    msg = message("thanks, but will the weakness go away?", [("thank", 0.5), ("ask_how_long", 0.4)])
    GATE.process([msg])
    assert msg.get(INTENT) == {"name": "ask_how_long", "confidence": 0.4}


def test_an_unsure_other_answer_goes_to_did_you_mean_first_in_line() -> None:
    msg = message("bye, what about it?", [("goodbye", 0.8), ("greet", 0.1), ("faq", 0.1)])
    GATE.process([msg])
    assert msg.get(INTENT)["name"] == "nlu_fallback"
    assert [r["name"] for r in msg.get(INTENT_RANKING_KEY)] == ["nlu_fallback", "faq"]


def test_a_plain_goodbye_is_left_alone() -> None:
    msg = message("ok bye", [("goodbye", 0.9), ("thank", 0.1)])
    GATE.process([msg])
    assert msg.get(INTENT) == {"name": "goodbye", "confidence": 0.9}


def test_a_greeting_that_asks_gets_the_answer_when_sure() -> None:
    msg = message("hello, do i need to stop my blood thinners", [("greet", 0.5), ("advice", 0.45)])
    GATE.process([msg])
    assert msg.get(INTENT) == {"name": "advice", "confidence": 0.45}


def test_a_greeting_that_asks_stays_a_greeting_when_unsure() -> None:
    msg = message("hi, how are you?", [("greet", 0.8), ("bot_challenge", 0.1), ("faq", 0.1)])
    GATE.process([msg])
    assert msg.get(INTENT) == {"name": "greet", "confidence": 0.8}
    assert [r["name"] for r in msg.get(INTENT_RANKING_KEY)] == ["greet", "bot_challenge", "faq"]
