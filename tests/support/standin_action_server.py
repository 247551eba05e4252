"""A stand-in action server whose behaviour a test sets: healthy, down, slow, failing or garbled.

It listens on one loopback port for the whole test, so the Rasa server's action endpoint never
changes; "up" and "slow" forward each call to the real action server.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from tests.support.servers import free_port


class ActionServerState(str, Enum):
    """What the Rasa server finds at its action endpoint."""

    UP = "up"  # the real action server answers
    DOWN = "down"  # nothing listens on the port: connection refused
    SLOW = "slow"  # the real answer, but only after Rasa stopped waiting
    HTTP_500 = "http_500"  # an internal server error
    MALFORMED = "malformed"  # HTTP 200 with a body that is not JSON


class StandInActionServer:
    """Serves `state` on a fixed port, forwarding to `real_webhook` when it must answer."""

    def __init__(self, real_webhook: str, slow_seconds: float) -> None:
        self.real_webhook = real_webhook
        self.slow_seconds = slow_seconds
        self.port = free_port()
        self.state = ActionServerState.DOWN
        self._server: ThreadingHTTPServer | None = None

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def set_state(self, state: ActionServerState) -> None:
        """Stop or start listening as `state` needs; the other states are chosen per request."""
        self.state = state
        if state is ActionServerState.DOWN:
            self._stop_listening()
        elif self._server is None:
            self._start_listening()

    def _start_listening(self) -> None:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status, payload = stand_in.answer(body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                """Quiet: the test reports what matters."""

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _stop_listening(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def answer(self, body: bytes) -> tuple[int, bytes]:
        """Status and body for one action call in the current state."""
        if self.state is ActionServerState.HTTP_500:
            return 500, b'{"error": "internal server error"}'
        if self.state is ActionServerState.MALFORMED:
            return 200, b'{"events": [{"event": "slot", "name": '
        if self.state is ActionServerState.SLOW:
            time.sleep(self.slow_seconds)
        real = requests.post(
            self.real_webhook,
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        return real.status_code, real.content

    def close(self) -> None:
        self._stop_listening()


@contextmanager
def stand_in_action_server(real_webhook: str, slow_seconds: float) -> Iterator[StandInActionServer]:
    """A stand-in action server, down until the test sets another state."""
    server = StandInActionServer(real_webhook, slow_seconds)
    try:
        yield server
    finally:
        server.close()
