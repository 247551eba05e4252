"""Telegram: Rasa's channel with a configurable Bot API URL and a checked secret token.

Rasa's built-in channel calls `setWebhook` while the server starts, which needs the internet and
cannot pass Telegram's `secret_token`. This one makes no start-up call (`make register-webhook`
registers the webhook with the secret) and rejects updates whose
`X-Telegram-Bot-Api-Secret-Token` header does not match. A button press is acknowledged
(`answerCallbackQuery`, in the webhook's reply) so the button stops showing its spinner.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

TELEGRAM_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramOutput(RasaTelegramOutput):
    """Rasa's Telegram output, sending to the Bot API at `api_base_url`."""

    def __init__(self, access_token: str, api_base_url: str = TELEGRAM_API_URL) -> None:
        Bot.__init__(self, access_token, server=TelegramAPIServer.from_base(api_base_url))

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: list[dict[str, Any]],
        button_type: str | None = "vertical",
        **kwargs: Any,
    ) -> None:
        """Rasa's inline keyboard, one button per row (titles are questions: too long to share)."""
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type, **kwargs)


class TelegramInput(RasaTelegramInput):
    """Rasa's Telegram input without start-up calls, with the webhook's secret token checked."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token=credentials["secret_token"],
            api_base_url=credentials.get("api_base_url", TELEGRAM_API_URL),
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        secret_token: str,
        api_base_url: str = TELEGRAM_API_URL,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.secret_token = secret_token
        self.api_base_url = api_base_url

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's routes, behind a check of the secret token; `/set_webhook` is switched off."""
        telegram_webhook = super().blueprint(on_new_message)

        @telegram_webhook.middleware("request")
        async def reject_unsigned(request: Request) -> HTTPResponse | None:
            if request.path.endswith("/set_webhook"):
                return response.text("Register the webhook with `make register-webhook`.", 404)
            if not request.path.endswith("/webhook"):
                return None
            if request.method != "POST":
                return response.text("Telegram posts updates here.", 405)
            sent = request.headers.get(SECRET_HEADER, "").encode()
            if not hmac.compare_digest(sent, self.secret_token.encode()):
                return response.text("Missing or wrong secret token.", 403)
            return None

        @telegram_webhook.middleware("response")
        async def answer_button_press(
            request: Request, handled: HTTPResponse
        ) -> HTTPResponse | None:
            """Stop the button's spinner: answerCallbackQuery, sent as the webhook's reply."""
            if handled.status != 200 or not request.path.endswith("/webhook"):
                return None
            update = request.json
            query = update.get("callback_query") if isinstance(update, dict) else None
            if not isinstance(query, dict) or not query.get("id"):
                return None
            answer = {"method": "answerCallbackQuery", "callback_query_id": query["id"]}
            return response.json(answer)

        return telegram_webhook

    def get_output_channel(self) -> TelegramOutput:
        """The output channel, without calling `setWebhook` (see `make register-webhook`)."""
        return TelegramOutput(self.access_token, self.api_base_url)
