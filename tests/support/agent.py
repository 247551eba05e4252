"""The trained model loaded in-process, as the Rasa server loads it, to parse messages."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from rasa.core.agent import Agent
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.log_utils import configure_structlog

import rasa_fixes
from tests.support.servers import MODEL


@cache
def load_agent(model_path: Path = MODEL, action_webhook: str | None = None) -> Agent:
    """The model with this project's Rasa fixes installed, talking to the action server at
    `action_webhook` if given (run from the repo root: the spaCy pipeline path in config.yml is
    relative to it). Conversations are kept in memory. Loaded once per process: the hold-out
    tests and benches share it."""
    rasa_fixes.install()
    configure_structlog(logging.WARNING)  # no debug line per parsed message
    endpoint = EndpointConfig(action_webhook) if action_webhook else None
    return Agent.load(str(model_path), action_endpoint=endpoint)


def parse_all(agent: Agent, texts: Sequence[str]) -> list[dict]:
    """The NLU parse of each text, in order."""

    async def parse() -> list[dict]:
        return [await agent.parse_message(text) for text in texts]

    return asyncio.run(parse())
