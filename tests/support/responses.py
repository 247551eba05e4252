"""The bot's words as the domain defines them, so tests compare replies to the real responses."""

from __future__ import annotations

from content.answers import responses_by_name as all_responses
from settings import ENV_VARIABLES
from tests.support.servers import TEST_CLINIC

__all__ = ["TEST_CLINIC_SLOTS", "all_responses", "response_texts"]

# The slot values the test action servers fill from TEST_CLINIC (slot name -> value).
TEST_CLINIC_SLOTS = {slot: TEST_CLINIC[variable] for slot, variable in ENV_VARIABLES.items()}


def response_texts(name: str, slots: dict[str, str] | None = None) -> set[str]:
    """Every text variation of the domain or retrieval response `name`, filled with `slots`."""
    return {variation["text"].format(**(slots or {})) for variation in all_responses()[name]}
