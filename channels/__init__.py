"""Messaging channels (Telegram, WhatsApp through Twilio, Facebook Messenger, Slack).

Each channel is switched on by setting its environment variables (in the environment or `.env`) and
is absent otherwise. `scripts/credentials.py` turns the variables that are set into the effective
credentials file that `rasa run` reads. The classes in this package are small subclasses of Rasa's
built-in channels that take the platform's API base URL from the credentials (default: the real
one), make no network calls at start-up, and reject webhook calls that are not properly signed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MessagingChannel:
    """How one channel's credentials are filled from environment variables."""

    name: str
    class_path: str
    # credential key -> environment variable; the channel is on only when all of them are set
    required: Mapping[str, str]
    # credential key -> environment variable; used when set
    optional: Mapping[str, str] = field(default_factory=dict)

    def credentials(self, env: Mapping[str, str]) -> dict[str, str] | None:
        """The channel's credentials from `env`, or None when a required variable is unset."""
        if not all(env.get(variable) for variable in self.required.values()):
            return None
        keys = {**self.required, **self.optional}
        return {key: env[variable] for key, variable in keys.items() if env.get(variable)}


MESSAGING_CHANNELS = (
    MessagingChannel(
        name="telegram",
        class_path="channels.telegram.TelegramInput",
        required={
            "access_token": "TELEGRAM_ACCESS_TOKEN",
            "verify": "TELEGRAM_BOT_USERNAME",
            "webhook_url": "TELEGRAM_WEBHOOK_URL",
            "secret_token": "TELEGRAM_SECRET_TOKEN",
        },
        optional={"api_base_url": "TELEGRAM_API_URL"},
    ),
    MessagingChannel(
        name="twilio",
        class_path="channels.whatsapp.TwilioWhatsAppInput",
        required={
            "account_sid": "TWILIO_ACCOUNT_SID",
            "auth_token": "TWILIO_AUTH_TOKEN",
            "twilio_number": "TWILIO_WHATSAPP_NUMBER",
            "webhook_url": "TWILIO_WEBHOOK_URL",
        },
        optional={"api_base_url": "TWILIO_API_URL"},
    ),
    MessagingChannel(
        name="facebook",
        class_path="channels.messenger.MessengerInput",
        required={
            "verify": "FACEBOOK_VERIFY_TOKEN",
            "secret": "FACEBOOK_APP_SECRET",
            "page-access-token": "FACEBOOK_PAGE_ACCESS_TOKEN",
        },
        optional={"api_base_url": "FACEBOOK_API_URL"},
    ),
    MessagingChannel(
        name="slack",
        class_path="channels.slack.SlackInput",
        required={
            "slack_token": "SLACK_BOT_TOKEN",
            "slack_signing_secret": "SLACK_SIGNING_SECRET",
        },
        optional={"slack_channel": "SLACK_CHANNEL", "api_base_url": "SLACK_API_URL"},
    ),
)
