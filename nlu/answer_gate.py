"""Confidence gate on answer selection.

The FallbackClassifier only looks at the intent's confidence. For a retrieval intent (`faq`,
`advice`) the answer is chosen by a ResponseSelector, which can be unsure even when the intent is
clear. This component, placed right after the FallbackClassifier, turns such messages into
`nlu_fallback` when the selector's top answer is below `threshold` or within `margin` of the
runner-up, so the bot asks "Did you mean ...?" instead of guessing.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY
from rasa.shared.nlu.training_data.message import Message

from nlu.intent_override import set_top_intent
from nlu.stateless import StatelessComponent


def selector_is_unsure(ranking: list[dict[str, Any]], threshold: float, margin: float) -> bool:
    """True when the best answer is weak, or barely ahead of the second best."""
    if not ranking:
        return True
    confidences = sorted((candidate.get("confidence", 0.0) for candidate in ranking), reverse=True)
    best = confidences[0]
    runner_up = confidences[1] if len(confidences) > 1 else 0.0
    return best < threshold or best - runner_up < margin


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AnswerConfidenceGate(StatelessComponent):
    """Sends unsure answer selections to the fallback instead of answering."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"threshold": 0.5, "margin": 0.1}

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.threshold = float(self.config["threshold"])
        self.margin = float(self.config["margin"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            selection = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(intent)
            if selection is None:
                continue
            if selector_is_unsure(selection.get("ranking") or [], self.threshold, self.margin):
                set_top_intent(
                    message, DEFAULT_NLU_FALLBACK_INTENT_NAME, self.threshold, by="answer gate"
                )
        return messages
