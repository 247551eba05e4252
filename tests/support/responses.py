"""The bot's words as the domain defines them, so tests compare replies to the real responses."""

from __future__ import annotations

from functools import lru_cache

import yaml

from settings import ENV_VARIABLES
from tests.support.servers import PROJECT_ROOT, TEST_CLINIC

# The slot values the test action servers fill from TEST_CLINIC (slot name -> value).
TEST_CLINIC_SLOTS = {slot: TEST_CLINIC[variable] for slot, variable in ENV_VARIABLES.items()}


@lru_cache(maxsize=1)
def all_responses() -> dict[str, list[dict]]:
    """Every domain and retrieval response, by name, as the YAML files define it."""
    responses: dict[str, list[dict]] = {}
    for path in [PROJECT_ROOT / "domain.yml", *sorted((PROJECT_ROOT / "data").rglob("*.yml"))]:
        responses.update((yaml.safe_load(path.read_text()) or {}).get("responses") or {})
    return responses


def response_texts(name: str, slots: dict[str, str] | None = None) -> set[str]:
    """Every text variation of the domain or retrieval response `name`, filled with `slots`."""
    return {variation["text"].format(**(slots or {})) for variation in all_responses()[name]}
