"""A question is never answered with a goodbye, a thank-you, "I'm a bot" or "go ahead".

Patients wrap questions in social words: "ok thanks, but will the weakness go away?", "does it
go away?", "bye for now, one last thing: how often are the shots?". A bag-of-words classifier can
pick the social answer for them. This component, after the classifier and the answer gate, looks
again at a message classified as goodbye or thanks that asks a question, at a "yes" or "no" that
goes on to ask one ("ok what should I avoid then"), and at a "bot identity" message that never
mentions the bot: it takes the best other answer of the ranking when the
classifier is reasonably sure of it, else "Did you mean" with that answer first. A greeting that
goes on to ask ("hello, quick question, do i need to stop my blood thinners") gets the answer only
when the classifier is sure of it; else the greeting stands ("hi, how are you?"), and its reply
invites the question.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from nlu.answer_gate import selector_is_unsure
from nlu.intent_override import set_top_intent
from nlu.stateless import StatelessComponent

FAREWELLS = frozenset({"goodbye", "thank"})
AGREEMENTS = frozenset({"affirm", "deny"})  # "ok what should I avoid then" is no plain "ok"
GREETING = "greet"
BOT_IDENTITY = "bot_challenge"
SOCIAL_REPLIES = FAREWELLS | {BOT_IDENTITY}  # what a question must never get
SOCIAL = SOCIAL_REPLIES | {"greet", "affirm", "deny", DEFAULT_NLU_FALLBACK_INTENT_NAME}
# Words that open a question ("does it go away", "how long ...").
QUESTION_WORDS = frozenset(
    "how what when why which who where will would does do did is are can could should shall"
    " may might".split()
)
MIN_QUESTION_WORDS = 3
# Words a question clause may follow: a clause break, or (with no comma) an acknowledgement, as in
# "ok what should I avoid", "no what I meant was ..."
QUESTION_OPENS_AFTER = frozenset({",", ".", "!", "but", "and", "so"}) | frozenset(
    "ok okay k yes yeah yep yup ya ye no nope nah right cool great fine alright sure thanks thx"
    " cheers ta hi hey hello".split()
)
TOKEN = re.compile(r"[a-z0-9']+|[?,.!]")
# Words a question about the bot itself uses ("are you a real person?", "is this a bot?", "am I
# talking to a nurse?").
BOT_WORDS = frozenset(
    "you your u ur yourself bot robot chatbot human person machine ai computer automated"
    " someone somebody anyone staff talking speaking chatting doctor nurse".split()
)


def asks_a_question(tokens: list[str]) -> bool:
    """A question mark, or a question word opening a clause of a few words ("thanks, does it
    go away"; not "thanks, will do")."""
    return "?" in tokens or opens_a_question(tokens)


def opens_a_question(tokens: list[str]) -> bool:
    """A question word of a few words opens a clause, or follows an "ok", "yes" or "no"."""
    openers = [0] + [i + 1 for i, token in enumerate(tokens) if token in QUESTION_OPENS_AFTER]
    return any(
        tokens[index : index + 1]
        and tokens[index] in QUESTION_WORDS
        and _clause_length(tokens, index) >= MIN_QUESTION_WORDS
        for index in openers
    )


def _clause_length(tokens: list[str], start: int) -> int:
    length = 0
    for token in tokens[start:]:
        if token in {",", ".", "!", "?"}:
            break
        length += 1
    return length


def mentions_the_bot(tokens: list[str]) -> bool:
    return any(token in BOT_WORDS for token in tokens)


def is_misread_question(intent: str | None, tokens: list[str]) -> bool:
    """A social answer chosen for a message that asks something else."""
    if intent in FAREWELLS:
        return asks_a_question(tokens)
    if intent in AGREEMENTS | {GREETING}:  # a question mark alone does not count: "ok?", "hi?"
        return opens_a_question(tokens)
    if intent == BOT_IDENTITY:
        return not mentions_the_bot(tokens)
    return False


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SocialReplyGate(StatelessComponent):
    """Sends questions misread as social small talk to the answer they ask for."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # `threshold`: least confidence of the other answer to give it directly (the
        # FallbackClassifier's); `margin`, `selector_threshold`: the answer gate's, for faq/advice.
        return {"threshold": 0.3, "selector_threshold": 0.5, "margin": 0.1}

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if is_misread_question(intent, _tokens(message)):
                self._redirect(message, keep_when_unsure=intent == GREETING)
        return messages

    def _redirect(self, message: Message, keep_when_unsure: bool) -> None:
        others = [
            ranked
            for ranked in message.get(INTENT_RANKING_KEY) or []
            if ranked.get(INTENT_NAME_KEY) not in SOCIAL
        ]
        best = others[0] if others else None
        sure = best is not None and self._sure_of(message, best)
        if keep_when_unsure and not sure:
            return
        message.set(INTENT_RANKING_KEY, others, add_to_output=True)
        if sure:
            set_top_intent(
                message, best[INTENT_NAME_KEY], best[PREDICTED_CONFIDENCE_KEY], by="social gate"
            )
        else:
            set_top_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME, 0.0, by="social gate")

    def _sure_of(self, message: Message, candidate: dict[str, Any]) -> bool:
        if candidate.get(PREDICTED_CONFIDENCE_KEY, 0.0) < self.config["threshold"]:
            return False
        selection = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(
            candidate[INTENT_NAME_KEY]
        )
        if selection is None:
            return True
        return not selector_is_unsure(
            selection.get("ranking") or [],
            self.config["selector_threshold"],
            self.config["margin"],
        )


def _tokens(message: Message) -> list[str]:
    """Lower-case words and the punctuation marks that end clauses."""
    return TOKEN.findall(str(message.get(TEXT) or "").lower())
