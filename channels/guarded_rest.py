"""REST channel that answers malformed requests with HTTP 400 and a clear JSON error body.

Rasa's `RestInput` assumes a well-formed body: invalid JSON, a JSON array or a missing `message`
end in an HTML error page, a 500, or a message stored under the shared conversation id "default".
This subclass checks the body first and cleans the text (control characters and lone surrogates
out, at most one character over the input guard's cap kept), so the tracker store never holds a
megabyte of pasted text. It keeps the name `rest`, so the URL stays /webhooks/rest/webhook.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from safety.input_guard import clean_text, max_message_chars

MAX_SENDER_LENGTH = 256


def body_error(body: Any) -> str | None:
    """Why a parsed webhook body cannot be handled, or None when it can."""
    if not isinstance(body, dict):
        return "The request body must be a JSON object."
    if "message" not in body:
        return "The field 'message' is missing."
    if not isinstance(body["message"], str):
        return "The field 'message' must be a string."
    sender = body.get("sender")
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_LENGTH:
        return f"The field 'sender' must be a string of 1 to {MAX_SENDER_LENGTH} characters."
    if not isinstance(body.get("metadata", {}), dict):
        return "The field 'metadata' must be a JSON object."
    return None


def request_error(request: Request) -> str | None:
    """Why the webhook request cannot be handled, or None when it can."""
    try:
        body = request.json
    except SanicException:
        return "The request body is not valid JSON."
    return body_error(body)


def stored_text(text: str) -> str:
    """The cleaned text, cut one character past the cap: enough for the guard to see it is long."""
    return clean_text(text)[: max_message_chars() + 1]


class GuardedRestInput(RestInput):
    """Rasa's REST channel with request validation and text cleaning."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def _extract_message(self, req: Request) -> str:
        return stored_text(req.json["message"])

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def reject_malformed(request: Request) -> HTTPResponse | None:
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            error = request_error(request)
            return response.json({"error": error}, status=400) if error else None

        return webhook
