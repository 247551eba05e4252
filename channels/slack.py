"""Slack: Rasa's channel with a configurable Web API URL.

Rasa's built-in channel already refuses to start without a signing secret and answers 400 to a
request whose `X-Slack-Signature` does not match; this subclass only lets the replies go to another
Web API base URL.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import InputChannel
from rasa.core.channels.slack import SlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from slack_sdk.web.async_client import AsyncWebClient

SLACK_API_URL = "https://slack.com/api/"


class RebasedSlackBot(SlackBot):
    """Rasa's Slack output, posting to the Web API at `api_base_url`."""

    def __init__(
        self,
        token: str,
        slack_channel: str | None,
        thread_id: str | None,
        proxy: str | None,
        api_base_url: str,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_base_url.rstrip("/") + "/")


class SlackInput(RasaSlackInput):
    """Rasa's Slack input, replying through `api_base_url`."""

    api_base_url: str = SLACK_API_URL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        channel = super().from_credentials(credentials)
        channel.api_base_url = (credentials or {}).get("api_base_url", SLACK_API_URL)
        return channel

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> RebasedSlackBot:
        return RebasedSlackBot(
            self.slack_token,
            channel or self.slack_channel,
            thread_id,
            self.proxy,
            self.api_base_url,
        )
