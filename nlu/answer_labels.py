"""Answer labels: an intent, or for a retrieval intent its answer (`faq/causes`)."""

from __future__ import annotations

from typing import Any

RETRIEVAL_SEPARATOR = "/"  # faq/causes


def selected_response_key(parse: dict[str, Any], retrieval_intent: str) -> str | None:
    """The `intent/key` the response selection picked for `retrieval_intent`, as Rasa looks it up.

    Rasa's retrieval action reads the selector named after the intent, else the `default` one.
    """
    selectors = parse.get("response_selector") or {}
    selector = selectors.get(retrieval_intent) or selectors.get("default")
    if not selector:
        return None
    return selector.get("response", {}).get("intent_response_key")


def chosen_answer(parse: dict[str, Any]) -> str | None:
    """The label of the answer the bot gives to a parsed message (None before any message)."""
    intent = (parse.get("intent") or {}).get("name")
    retrieval_intents = (parse.get("response_selector") or {}).get("all_retrieval_intents", [])
    if intent in retrieval_intents:
        return selected_response_key(parse, intent) or intent
    return intent
