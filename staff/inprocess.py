"""The trained bot in one process: the Rasa model and the custom actions, no servers.

The custom actions run through rasa_sdk's own ActionExecutor, called where Rasa would call the
action server over HTTP, so a staff tool sees exactly what a patient would get.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa.core.agent import Agent
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.log_utils import configure_structlog
from rasa_sdk.executor import ActionExecutor

import rasa_fixes
from settings import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "current.tar.gz"


class InProcessActions(EndpointConfig):
    """An action endpoint that runs the project's actions in this process."""

    def __init__(self, package: str = "actions") -> None:
        super().__init__(url="inprocess://actions")
        self.executor = ActionExecutor()
        self.executor.register_package(package)

    async def request(self, method: str = "post", subpath: str | None = None, **kwargs: Any) -> Any:
        return await self.executor.run(kwargs["json"])


@dataclass
class Reply:
    text: str
    buttons: list[dict] = field(default_factory=list)
    response: str | None = None  # the domain response it came from, when known
    metadata: dict = field(default_factory=dict)  # the response's own metadata (provenance)


@dataclass
class Turn:
    """One message and what the bot did with it."""

    text: str
    parse: dict
    replies: list[Reply]


def quiet_logging() -> None:
    """Only warnings from Rasa and its libraries; no line per parsed message."""
    configure_structlog(logging.WARNING)
    for name in ("rasa", "rasa_sdk", "tensorflow", "absl", "matplotlib", "sanic", "asyncio"):
        logging.getLogger(name).setLevel(logging.ERROR)


def load_bot(model: Path = MODEL) -> Agent:
    """The trained model with this project's Rasa fixes, its actions run in-process."""
    rasa_fixes.install()
    quiet_logging()
    return Agent.load(str(model), action_endpoint=InProcessActions())


def _reply(event: BotUttered) -> Reply:
    meta = event.metadata or {}
    return Reply(
        text=event.text or "",
        buttons=list((event.data or {}).get("buttons") or []),
        response=meta.get("utter_action") or meta.get("template_name"),
        metadata=dict(meta.get("metadata") or {}),
    )


async def ask_async(bot: Agent, sender: str, text: str) -> Turn:
    """Send `text` as `sender`; the turn as the tracker recorded it (a new conversation's replies
    start with what the session start said, the disclaimer)."""
    before = await bot.tracker_store.retrieve(sender)
    seen = len(before.events) if before else 0
    await bot.handle_text(text, sender_id=sender)
    tracker = await bot.tracker_store.retrieve(sender)
    events = list(tracker.events)[seen:] if tracker else []
    users = [e for e in events if isinstance(e, UserUttered)]
    return Turn(
        text=text,
        parse=dict(users[-1].parse_data) if users else {},
        replies=[_reply(e) for e in events if isinstance(e, BotUttered)],
    )


@lru_cache(maxsize=1)
def _loop() -> asyncio.AbstractEventLoop:
    """One event loop for every turn of this process: the agent's stores keep to the loop they
    were first used on."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    return loop


def ask(bot: Agent, sender: str, text: str) -> Turn:
    """`ask_async` from synchronous code."""
    return _loop().run_until_complete(ask_async(bot, sender, text))
