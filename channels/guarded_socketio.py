"""Socket.IO channel (the website widget) that answers malformed messages instead of dropping them.

Rasa's handler assumes a well-formed `user_uttered` payload: a payload that is not an object, a
`message` that is not text or invalid metadata raise inside the handler, and a message without
a `session_id` (with session persistence on) is ignored; either way the sender hears nothing.
This subclass checks the payload first, tells the sender what was wrong in a `bot_uttered`
message, and cleans the text the same way as the REST channel. It keeps the name `socketio`.

Buttons go out as `buttons`, not Rasa's `quick_replies`: the widget shows quick replies only under
the last message, and every answer here is followed by the provider handoff, so its follow-up
suggestions would never be seen.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from channels.guarded_rest import stored_text

UNREADABLE_REPLY = (
    "Sorry, I couldn't read that message ({reason}). Please type your question again."
)


def payload_error(data: Any, needs_session: bool, metadata_key: str) -> str | None:
    """Why a `user_uttered` payload cannot be handled, or None when it can."""
    if not isinstance(data, dict):
        return "it was not a message object"
    if not isinstance(data.get("message"), str):
        return "it had no text"
    if needs_session and not (isinstance(data.get("session_id"), str) and data["session_id"]):
        return "it had no session id"
    if not isinstance(metadata_object(data.get(metadata_key, {})), dict):
        return "its metadata was not an object"
    return None


def metadata_object(metadata: Any) -> Any:
    """Metadata as Rasa reads it: an object, or a JSON text of one."""
    if isinstance(metadata, str):
        try:
            return json.loads(metadata)
        except ValueError:
            return None
    return metadata


def urgency(response_kwargs: dict[str, Any]) -> dict[str, Any]:
    """`{"metadata": {"urgent": True}}` for a response whose domain metadata marks it urgent
    (emergency and self-harm replies): the widget shows those at once (web/widget.js)."""
    metadata = response_kwargs.get("metadata")
    if isinstance(metadata, dict) and metadata.get("urgent") is True:
        return {"metadata": {"urgent": True}}
    return {}


class WidgetOutput(SocketIOOutput):
    """Socket.IO output for the widget: buttons stay under their message, urgent replies say so."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in text.strip().split("\n\n"):  # as Rasa's Socket.IO output splits a text
            await self._send_message(recipient_id, {"text": part, **urgency(kwargs)})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        choices = [{"title": b["title"], "payload": b["payload"]} for b in buttons]
        message = {"text": text, "buttons": choices, **urgency(kwargs)}
        await self._send_message(recipient_id, message)


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's Socket.IO channel with payload validation and text cleaning."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        async def handle_message(sid: str, data: Any) -> None:
            reason = payload_error(data, self.session_persistence, self.metadata_key)
            if reason:
                reply = {"text": UNREADABLE_REPLY.format(reason=reason)}
                await self.sio.emit(self.bot_message_evt, reply, room=sid)
                return
            message = UserMessage(
                stored_text(data["message"]),
                WidgetOutput(self.sio, self.bot_message_evt),
                data["session_id"] if self.session_persistence else sid,
                input_channel=self.name(),
                metadata=metadata_object(data.get(self.metadata_key, {})),
            )
            await on_new_message(message)

        self.sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return webhook
