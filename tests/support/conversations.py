"""Questions with the domain response that answers each, for tests that hold many conversations."""

from __future__ import annotations

from tests.support.responses import response_texts

# (message, name of the response that answers it); every response here has no slots, so its text
# arrives verbatim, and every one differs, so a reply shows which question it answers.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("hello", "utter_greet"),
    ("are you a bot?", "utter_iamabot"),
    ("what is cervical dystonia?", "utter_faq/what_is_cervical_dystonia"),
    ("how does botox work?", "utter_faq/how_botox_works"),
    ("how effective are the injections for my torticollis?", "utter_faq/botox_effectiveness"),
    ("what can you do?", "utter_capabilities"),
    ("thanks!", "utter_youre_welcome"),
    ("  \u200b ", "utter_empty_message"),
    ("why? " * 400, "utter_message_too_long"),
    ("bye", "utter_goodbye"),
)


def answers(question: int, replies: list[str]) -> bool:
    """Whether `replies` contain the response to QUESTIONS[question]."""
    return bool(response_texts(QUESTIONS[question][1]) & set(replies))
