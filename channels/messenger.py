"""Facebook Messenger: Rasa's channel with a configurable Graph API URL and strict signatures.

Rasa's built-in channel answers 200 "not validated" to a request with a wrong `X-Hub-Signature`;
this one answers 403, also checks `X-Hub-Signature-256` (which Meta sends too) and answers 400 to a
body that is not a Messenger webhook payload. Buttons are sent as quick replies (Rasa's button
template takes at most 3 and sends none when there are more), titles cut to Messenger's 20
characters.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fbmessenger import MessengerClient
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

FACEBOOK_API_URL = "https://graph.facebook.com"
# header -> hash algorithm, the stronger first
SIGNATURE_HEADERS = (("X-Hub-Signature-256", "sha256"), ("X-Hub-Signature", "sha1"))
MAX_QUICK_REPLIES = 13
MAX_TITLE_CHARS = 20


def messenger_client(page_access_token: str, api_base_url: str) -> MessengerClient:
    """A Graph API client that sends to `api_base_url`."""
    client = MessengerClient(page_access_token)
    client.graph_url = f"{api_base_url.rstrip('/')}/v{client.api_version}"
    return client


def is_signed_by_facebook(app_secret: str, body: bytes, headers: Mapping[str, str]) -> bool:
    """Whether the request's hub signature is the HMAC of `body` with the app secret."""
    for header, algorithm in SIGNATURE_HEADERS:
        sent = headers.get(header)
        if sent:
            digest = hmac.new(app_secret.encode(), body, getattr(hashlib, algorithm)).hexdigest()
            return hmac.compare_digest(sent.encode(), f"{algorithm}={digest}".encode())
    return False


def quick_reply_title(title: str) -> str:
    """`title`, cut with an ellipsis to the length Messenger accepts."""
    if len(title) <= MAX_TITLE_CHARS:
        return title
    return title[: MAX_TITLE_CHARS - 1] + "…"


def quick_reply(button: dict[str, Any]) -> dict[str, str]:
    """A Rasa button as a Messenger text quick reply."""
    title = quick_reply_title(button["title"])
    return {"content_type": "text", "title": title, "payload": button["payload"]}


class MessengerOutput(MessengerBot):
    """Rasa's Messenger output, sending buttons as quick replies."""

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        quick_replies = [quick_reply(button) for button in buttons[:MAX_QUICK_REPLIES]]
        message = {"text": text, "quick_replies": quick_replies}
        self.messenger_client.send(message, recipient_id, "RESPONSE")


class RebasedMessenger(Messenger):
    """Rasa's webhook handler, replying through the Graph API at `api_base_url`."""

    def __init__(
        self,
        page_access_token: str,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        api_base_url: str,
    ) -> None:
        super().__init__(page_access_token, on_new_message)
        self.client = messenger_client(page_access_token, api_base_url)

    async def _handle_user_message(
        self, text: str, sender_id: str, metadata: dict[str, Any] | None
    ) -> None:
        """Rasa's handling, with `MessengerOutput` as the output channel."""
        out_channel = MessengerOutput(self.client)
        await out_channel.send_action(sender_id, sender_action="mark_seen")
        await out_channel.send_action(sender_id, sender_action="typing_on")
        message = UserMessage(
            text, out_channel, sender_id, input_channel=self.name(), metadata=metadata
        )
        try:
            await self.on_new_message(message)
        except Exception:
            logger.exception("Could not handle a Messenger message.")
        finally:
            await out_channel.send_action(sender_id, sender_action="typing_off")


class MessengerInput(FacebookInput):
    """Rasa's Facebook input with a configurable Graph API URL; unsigned requests get 403."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials["verify"],
            credentials["secret"],
            credentials["page-access-token"],
            api_base_url=credentials.get("api_base_url", FACEBOOK_API_URL),
        )

    def __init__(
        self,
        fb_verify: str,
        fb_secret: str,
        fb_access_token: str,
        api_base_url: str = FACEBOOK_API_URL,
    ) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.api_base_url = api_base_url

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        fb_webhook = Blueprint("fb_webhook", __name__)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            sent = (request.args.get("hub.verify_token") or "").encode()
            if not hmac.compare_digest(sent, self.fb_verify.encode()):
                return response.text("Wrong verify token.", 403)
            return response.text(request.args.get("hub.challenge", ""))

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not is_signed_by_facebook(self.fb_secret, request.body, request.headers):
                return response.text("Missing or wrong X-Hub-Signature.", 403)
            messenger = RebasedMessenger(self.fb_access_token, on_new_message, self.api_base_url)
            try:
                await messenger.handle(request.json, self.get_metadata(request))
            except (KeyError, TypeError, AttributeError, IndexError):
                logger.warning("Ignored a body that is not a Messenger webhook payload.")
                return response.text("Not a Messenger webhook payload.", 400)
            return response.text("success")

        return fb_webhook

    def get_output_channel(self) -> MessengerOutput:
        return MessengerOutput(messenger_client(self.fb_access_token, self.api_base_url))
