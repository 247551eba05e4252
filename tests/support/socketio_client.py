"""A Socket.IO client that speaks like the website widget, for the tests."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import socketio

WAIT_SECONDS = 60


class WidgetClient:
    """A Socket.IO client that speaks like the widget: `session_request`, `user_uttered`."""

    def __init__(self) -> None:
        self.client = socketio.Client(reconnection=False)
        self.confirmed: queue.Queue[str] = queue.Queue()
        self.bot_messages: queue.Queue[dict] = queue.Queue()
        self.client.on("session_confirm", self.confirmed.put)
        self.client.on("bot_uttered", self.bot_messages.put)

    def start_session(self, session_id: str | None) -> str:
        self.client.emit("session_request", {"session_id": session_id})
        return self.confirmed.get(timeout=WAIT_SECONDS)

    def say(self, text: str, session_id: str) -> None:
        self.client.emit("user_uttered", {"message": text, "session_id": session_id})

    def replies_until(self, is_last: Callable[[dict], bool]) -> list[dict]:
        """The bot's messages up to and including the first for which `is_last` is true."""
        replies = [self.bot_messages.get(timeout=WAIT_SECONDS)]
        while not is_last(replies[-1]):
            replies.append(self.bot_messages.get(timeout=WAIT_SECONDS))
        return replies


@contextmanager
def widget_client(url: str) -> Iterator[WidgetClient]:
    """Connected over HTTP long-polling, as the widget starts."""
    client = WidgetClient()
    client.client.connect(url, socketio_path="/socket.io", transports=["polling"])
    try:
        yield client
    finally:
        client.client.disconnect()
