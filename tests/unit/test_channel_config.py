"""Messaging channels are off on a fresh clone and on once all their variables are set."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
import yaml
from rasa.core.run import create_http_input_channels
from rasa.shared.utils.io import read_config_file

from channels import MESSAGING_CHANNELS, MessagingChannel
from channels.telegram import TelegramInput
from scripts.credentials import PROJECT_ROOT, effective_credentials, write_credentials
from scripts.register_webhook import register_telegram_webhook
from tests.support.channel_fixtures import CHANNEL_VARIABLES
from tests.support.platform_standins import platform_standin

ALL_VARIABLES = {
    **CHANNEL_VARIABLES,
    "TWILIO_WEBHOOK_URL": "https://bot.clinic.test/webhooks/twilio/webhook",
}
BASE_CREDENTIALS = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text())


def without(variable: str) -> dict[str, str]:
    return {name: value for name, value in ALL_VARIABLES.items() if name != variable}


def test_fresh_clone_has_only_the_base_channels() -> None:
    assert effective_credentials({}) == BASE_CREDENTIALS


def test_every_channel_is_on_when_its_variables_are_set() -> None:
    credentials = effective_credentials(ALL_VARIABLES)
    assert list(credentials) == [*BASE_CREDENTIALS, *(c.class_path for c in MESSAGING_CHANNELS)]


@pytest.mark.parametrize(
    ("channel", "variable"),
    [(channel, name) for channel in MESSAGING_CHANNELS for name in channel.required.values()],
    ids=lambda value: value.name if isinstance(value, MessagingChannel) else value,
)
def test_a_channel_missing_one_variable_stays_off(channel: MessagingChannel, variable: str) -> None:
    credentials = effective_credentials(without(variable))
    assert channel.class_path not in credentials
    assert len(credentials) == len(BASE_CREDENTIALS) + len(MESSAGING_CHANNELS) - 1


def test_api_url_is_passed_only_when_set() -> None:
    [slack] = [channel for channel in MESSAGING_CHANNELS if channel.name == "slack"]
    assert "api_base_url" not in slack.credentials(ALL_VARIABLES)
    with_url = slack.credentials({**ALL_VARIABLES, "SLACK_API_URL": "http://127.0.0.1:9/api/"})
    assert with_url["api_base_url"] == "http://127.0.0.1:9/api/"


def test_written_file_is_private_and_rasa_builds_every_channel(tmp_path: Path) -> None:
    output = tmp_path / "credentials.yml"
    secret = "pa$$-${HOME}-word"
    enabled = write_credentials(output, {**ALL_VARIABLES, "SLACK_SIGNING_SECRET": secret})
    assert enabled == [channel.name for channel in MESSAGING_CHANNELS]
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert read_config_file(output) == json.loads(output.read_text())
    assert read_config_file(output)["channels.slack.SlackInput"]["slack_signing_secret"] == secret
    names = [channel.name() for channel in create_http_input_channels(None, str(output))]
    assert names == ["rest", "socketio", "telegram", "twilio", "facebook", "slack"]


def test_telegram_output_channel_needs_no_network() -> None:
    [telegram] = [channel for channel in MESSAGING_CHANNELS if channel.name == "telegram"]
    channel = TelegramInput.from_credentials(telegram.credentials(ALL_VARIABLES))
    assert channel.get_output_channel() is not None


def test_register_webhook_sends_the_url_and_secret_to_telegram() -> None:
    with platform_standin("bot") as telegram:
        register_telegram_webhook({**ALL_VARIABLES, "TELEGRAM_API_URL": telegram.url})
        [call] = telegram.calls_to("/setWebhook")
    assert call.path == f"/bot{ALL_VARIABLES['TELEGRAM_ACCESS_TOKEN']}/setWebhook"
    assert call.body["url"] == ALL_VARIABLES["TELEGRAM_WEBHOOK_URL"]
    assert call.body["secret_token"] == ALL_VARIABLES["TELEGRAM_SECRET_TOKEN"]


def test_register_webhook_names_the_missing_variables() -> None:
    with pytest.raises(ValueError, match="TELEGRAM_SECRET_TOKEN"):
        register_telegram_webhook(without("TELEGRAM_SECRET_TOKEN"))
