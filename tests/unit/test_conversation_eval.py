"""The conversation bench's scoring (tests/support/conversation_eval.py)."""

from __future__ import annotations

from tests.support.conversation_eval import ConversationReport, Turn, TurnResult, button_topics


def _result(expect: str, answer: str, focus: str | None = None, *sent: str) -> TurnResult:
    return TurnResult(Turn("a message", expect, focus), answer, sent)


def test_only_questions_given_small_talk_are_counted() -> None:
    report = ConversationReport(
        [
            [
                _result("faq/causes", "goodbye"),  # a question given "goodbye": counted
                _result("ask_how_long", "bot_challenge"),  # given "I'm a computer program"
                _result("affirm", "thank"),  # an "ok" given "you're welcome": not a question
                _result("greet", "goodbye"),
                _result("faq/causes", "nlu_fallback"),  # "Did you mean": asked, not small talk
            ]
        ]
    )
    assert [r.turn.expect for r in report.questions_given_small_talk] == [
        "faq/causes",
        "ask_how_long",
    ]


def test_a_turn_naming_a_part_is_right_only_with_that_part() -> None:
    named = _result("ask_post_care", "ask_post_care", "ice", "utter_post_care_ice")
    overview = _result("ask_post_care", "ask_post_care", "ice", "utter_post_care_overview")
    assert named.right
    assert overview.right_answer and not overview.right
    report = ConversationReport([[named, overview]])
    assert report.turn_accuracy == 0.5
    assert report.conversation_accuracy == 0.0


def test_the_did_you_mean_buttons_are_read_as_answers() -> None:
    topics = button_topics()
    assert topics["What causes cervical dystonia?"] == "faq_causes"
    assert topics["Which neck muscles do they inject?"] == "ask_injection_sites"
    assert set(topics.values()) >= {"faq_care_plan", "ask_alternatives", "ask_how_long"}


def test_did_you_mean_turns_and_whether_they_offered_the_answer() -> None:
    offered = TurnResult(
        Turn("a message", "faq/causes"), "nlu_fallback", (), ("faq_symptoms", "faq_causes")
    )
    not_offered = TurnResult(Turn("a message", "ask_how_long"), "nlu_fallback", (), ("faq_causes",))
    answered = _result("faq/causes", "faq/causes")
    report = ConversationReport([[offered, not_offered, answered]])
    assert report.asked == [offered, not_offered]
    assert report.right_offered(report.asked) == [offered]
