"""An acknowledgement is not answered with the answer it acknowledges.

After the timing answer, "alright a week it is then" or "ok so no sauna this week lol, got it"
repeats the answer's own words, and the answer model, reading those words after that answer,
picks the same answer again, or is torn between it and "yes": the patient gets the whole reply a
second time, or "Did you mean". This gate takes a message that only acknowledges (no question,
request or correction; it opens with "ok", "ah", "right"... or ends with "got it", "noted",
"fair enough"...) and was given the very answer it follows (or "Did you mean" with that answer,
or "yes", first) as "yes" ("Sure, what would you like to know?"), or as thanks when it thanks
("thx, good to know"). It goes after the FallbackClassifier, whose ambiguity check would
otherwise undo it (the answer it replaces can rank a close second).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.answer_labels import chosen_answer, split_context
from nlu.follow_up import READ_AFTER_KEY
from nlu.intent_override import set_top_intent
from nlu.social_gate import QUESTION_WORDS, SOCIAL, TOKEN, asks_a_question
from nlu.stateless import StatelessComponent

AGREEMENT = "affirm"
THANKS = "thank"
# An acknowledgement opens with one of these ...
OPENERS = frozenset(
    "ok okay okk okey k kk ah ahh oh alright right hmm ye yeah yep yup yes sure fair understood"
    " noted great perfect good cool fine gotcha thanks thank thx ty cheers ta".split()
)
# ... or ends with one of these
CLOSERS = tuple(
    tuple(phrase.split())
    for phrase in (
        "got it",
        "noted",
        "understood",
        "i see",
        "fair enough",
        "makes sense",
        "good to know",
        "will do",
        "sounds good",
        "thanks",
        "thank you",
        "thx",
        "cheers",
        "no worries",
        "no problem",
        "not too bad",
        "interesting",
        "sounds sensible",
        "sounds simple enough",
        "sounds fine",
    )
)
# Trailing words that add nothing: "makes sense now", "not too bad then", "got it lol"
FILLERS = frozenset("then now yeah yes lol tbh though really".split())
THANKS_WORDS = frozenset({"thanks", "thank", "thx", "ty", "cheers", "ta"})
# Words that ask, ask for more, or correct: "ok whats the rest", "ok n wat else", "hmm no, I
# meant tablets", "ok, tell me about heat". An ending like "got it" outweighs all but ASKING.
ASKING = frozenset(
    "how what when why which who where whats what's wat wot hows how's wen y".split()
)
NOT_ONLY_ACKNOWLEDGING = ASKING | frozenset(
    "tell explain describe show walk list anything something now no not nope meant mean actually"
    " instead other another else rest more and n also but or plus please pls plz".split()
)
# "ok then can i ...", "right so is it ...": a question's verb before its subject, mid-message
SUBJECTS = frozenset("i it they you u we he she that this there my his her the".split())
PUNCTUATION = frozenset({",", ".", "!", "?"})
MAX_WORDS = 15  # longer messages tell or ask more than "ok"


def words_of(tokens: list[str]) -> list[str]:
    """The words among `tokens` (TOKEN's words and clause marks)."""
    return [token for token in tokens if token not in PUNCTUATION]


def acknowledgement(text: str) -> str | None:
    """The intent of a message that only takes in what it was told (no question, request or
    correction): thanks when it thanks, else a plain "yes"; None for any other message."""
    tokens = TOKEN.findall(text.lower())
    words = words_of(tokens)
    if not only_acknowledges(words, tokens):
        return None
    return THANKS if THANKS_WORDS & set(words) else AGREEMENT


def only_acknowledges(words: list[str], tokens: list[str]) -> bool:
    """Whether a message of these words (and clause marks: `tokens`) only acknowledges."""
    if not words or len(words) > MAX_WORDS or asks_a_question(tokens):
        return False
    ending = list(words)
    while len(ending) > 1 and ending[-1] in FILLERS:
        ending.pop()
    closes = any(tuple(ending[-len(closer) :]) == closer for closer in CLOSERS)
    if closes:  # "ok ice and no gym, noted"; not "how they find out you've got it"
        return not ASKING & set(words)
    opens = words[0] in OPENERS or any(tuple(words[: len(closer)]) == closer for closer in CLOSERS)
    return opens and not any(
        word in NOT_ONLY_ACKNOWLEDGING or (word in QUESTION_WORDS and after in SUBJECTS)
        for word, after in zip(words[1:], [*words[2:], ""], strict=False)
    )


def likeliest_answer(message: Message) -> str | None:
    """The answer chosen for `message`; under "Did you mean", the likeliest one behind it."""
    intent = message.get(INTENT) or {}
    if intent.get(INTENT_NAME_KEY) == DEFAULT_NLU_FALLBACK_INTENT_NAME:
        ranking = message.get(INTENT_RANKING_KEY) or []
        others = [r for r in ranking if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME]
        intent = others[0] if others else {}
    parse = {
        INTENT: intent,
        RESPONSE_SELECTOR_PROPERTY_NAME: message.get(RESPONSE_SELECTOR_PROPERTY_NAME),
    }
    return chosen_answer(parse)


def misses_the_acknowledgement(message: Message) -> bool:
    """The message gets the answer it was read after (the answer model's context, whatever part
    of it was sent) again, not small talk, or "Did you mean" with that answer, "yes" or thanks
    first."""
    previous = message.get(READ_AFTER_KEY)
    if not previous:
        return False
    answer = likeliest_answer(message)
    if answer == split_context(previous)[0]:
        return answer not in SOCIAL  # "good morning to you too" after a greeting is one
    unsure = (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == DEFAULT_NLU_FALLBACK_INTENT_NAME
    return unsure and answer in {AGREEMENT, THANKS}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AcknowledgementGate(StatelessComponent):
    """Takes an acknowledgement given the answer it follows as "yes" or thanks."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if not misses_the_acknowledgement(message):
                continue
            intent = acknowledgement(str(message.get(TEXT) or ""))
            if intent:
                set_top_intent(message, intent, by="acknowledgement gate")
        return messages
