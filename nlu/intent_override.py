"""One way for our components to overrule the classifiers' intent."""

from __future__ import annotations

from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message

DECIDED_BY_KEY = "decided_by"  # in the parse: which components overruled the classifiers, in order


def set_top_intent(message: Message, name: str, confidence: float = 1.0, *, by: str) -> None:
    """Make `name` the intent, ranked first; the classifiers' other candidates stay after it.
    `by` (the component) is recorded under DECIDED_BY_KEY, so staff can see which gate decided."""
    intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
    ranking = [
        ranked
        for ranked in message.get(INTENT_RANKING_KEY) or []
        if ranked.get(INTENT_NAME_KEY) != name
    ]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
    decided = [*(message.get(DECIDED_BY_KEY) or []), {"by": by, "intent": name}]
    message.set(DECIDED_BY_KEY, decided, add_to_output=True)
