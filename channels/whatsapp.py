"""WhatsApp through Twilio: Rasa's Twilio channel with signed webhooks and numbered options.

Rasa's built-in Twilio channel does not check `X-Twilio-Signature`; this one rejects any request
whose signature does not match the public webhook URL registered with Twilio. WhatsApp through
Twilio has no buttons, so a message with buttons is sent as its text followed by numbered options,
and a reply that is just one of those numbers counts as pressing that button.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator

TWILIO_API_URL = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"


class RebasedTwilioHttpClient(TwilioHttpClient):
    """Twilio's HTTP client, sending what would go to api.twilio.com to `api_base_url`."""

    def __init__(self, api_base_url: str) -> None:
        super().__init__()
        self.api_base_url = api_base_url.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        if url.startswith(TWILIO_API_URL):
            url = self.api_base_url + url[len(TWILIO_API_URL) :]
        return super().request(method, url, *args, **kwargs)


def numbered_options(text: str, buttons: list[dict[str, Any]]) -> str:
    """`text` followed by one numbered line per button title."""
    options = [f"{number}. {button['title']}" for number, button in enumerate(buttons, start=1)]
    return "\n".join([text, *options])


def last_offered_buttons(tracker: DialogueStateTracker | None) -> list[dict[str, Any]]:
    """The buttons of the bot's last message with buttons since the user last wrote."""
    for event in reversed(tracker.events if tracker else []):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered) and event.data.get("buttons"):
            return event.data["buttons"]
    return []


def chosen_payload(text: str, buttons: list[dict[str, Any]]) -> str:
    """The payload of the button whose number `text` is, or `text` itself."""
    choice = text.strip()
    if choice.isdigit() and 1 <= int(choice) <= len(buttons):
        return buttons[int(choice) - 1]["payload"]
    return text


class TwilioWhatsAppOutput(TwilioOutput):
    """Rasa's Twilio output with a configurable API URL; buttons become numbered options."""

    def __init__(
        self, account_sid: str, auth_token: str, twilio_number: str, api_base_url: str
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        if api_base_url.rstrip("/") != TWILIO_API_URL:
            self.http_client = RebasedTwilioHttpClient(api_base_url)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_message(recipient_id, numbered_options(text, buttons))


class TwilioWhatsAppInput(TwilioInput):
    """Rasa's Twilio input, accepting only requests signed by Twilio."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials["account_sid"],
            credentials["auth_token"],
            credentials["twilio_number"],
            webhook_url=credentials["webhook_url"],
            api_base_url=credentials.get("api_base_url", TWILIO_API_URL),
        )

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        twilio_number: str,
        webhook_url: str,
        api_base_url: str = TWILIO_API_URL,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
        self.webhook_url = webhook_url
        self.api_base_url = api_base_url
        self.validator = RequestValidator(auth_token)

    def is_signed_by_twilio(self, request: Request) -> bool:
        """Whether `X-Twilio-Signature` signs the form for the registered webhook URL."""
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature:
            return False
        return self.validator.validate(self.webhook_url, request.form, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        twilio_webhook = Blueprint("twilio_webhook", __name__)

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.is_signed_by_twilio(request):
                return response.text("Missing or wrong X-Twilio-Signature.", 403)
            sender = request.form.get("From")
            text = request.form.get("Body")
            if not sender or not text:
                return response.text("", 204)
            tracker = await request.app.ctx.agent.tracker_store.retrieve(sender)
            user_message = UserMessage(
                chosen_payload(text, last_offered_buttons(tracker)),
                self.get_output_channel(),
                sender,
                input_channel=self.name(),
                metadata=self.get_metadata(request),
            )
            await on_new_message(user_message)
            return response.text("", 204)

        return twilio_webhook

    def get_output_channel(self) -> TwilioWhatsAppOutput:
        return TwilioWhatsAppOutput(
            self.account_sid, self.auth_token, self.twilio_number, self.api_base_url
        )
