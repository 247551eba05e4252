"""Session fixtures for the channel tests: platform stand-ins, a Rasa server with every messaging
channel switched on through its variables, and the website widget page pointing at that server.

Registered in tests/conftest.py (`pytest_plugins`), so one such server serves every channel test.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.credentials import write_credentials
from tests.support.platform_standins import PlatformStandIn, platform_standin
from tests.support.servers import (
    PROJECT_ROOT,
    ActionServer,
    RasaServer,
    free_port,
    rasa_server,
    running,
)

# What a clinic would put in .env for each platform (test values; the API URLs are added per run).
CHANNEL_VARIABLES = {
    "TELEGRAM_ACCESS_TOKEN": "123456:TEST-telegram-token",
    "TELEGRAM_BOT_USERNAME": "cd_faq_test_bot",
    "TELEGRAM_WEBHOOK_URL": "https://bot.clinic.test/webhooks/telegram/webhook",
    "TELEGRAM_SECRET_TOKEN": "telegram-secret-token",
    "TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000",
    "TWILIO_AUTH_TOKEN": "twilio-auth-token",
    "TWILIO_WHATSAPP_NUMBER": "whatsapp:+15550100000",
    "FACEBOOK_VERIFY_TOKEN": "facebook-verify-token",
    "FACEBOOK_APP_SECRET": "facebook-app-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "facebook-page-token",
    "SLACK_BOT_TOKEN": "xoxb-test-token",
    "SLACK_SIGNING_SECRET": "slack-signing-secret",
}


@dataclass
class MessagingServer:
    """The Rasa server with the messaging channels, and the variables it was configured with."""

    rasa: RasaServer
    variables: dict[str, str]

    def webhook(self, channel: str) -> str:
        return f"{self.rasa.url}/webhooks/{channel}/webhook"


@pytest.fixture(scope="session")
def platforms() -> Iterator[PlatformStandIn]:
    with platform_standin(CHANNEL_VARIABLES["TELEGRAM_BOT_USERNAME"]) as standin:
        yield standin


@pytest.fixture(scope="session")
def widget_origin() -> str:
    """Where the widget page will be served (chosen first: the Rasa server allows it by CORS)."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="session")
def messaging(
    tmp_path_factory: pytest.TempPathFactory,
    actions: ActionServer,
    platforms: PlatformStandIn,
    widget_origin: str,
) -> Iterator[MessagingServer]:
    workdir = tmp_path_factory.mktemp("messaging")
    port = free_port()
    variables = {
        **CHANNEL_VARIABLES,
        "TWILIO_WEBHOOK_URL": f"http://127.0.0.1:{port}/webhooks/twilio/webhook",
        "TELEGRAM_API_URL": platforms.url,
        "TWILIO_API_URL": platforms.url,
        "FACEBOOK_API_URL": platforms.url,
        "SLACK_API_URL": f"{platforms.url}/api/",
    }
    credentials = workdir / "credentials.yml"
    enabled = write_credentials(credentials, variables)
    assert enabled == ["telegram", "twilio", "facebook", "slack"]
    cors = ("--cors", widget_origin)
    with rasa_server(
        workdir, actions.webhook, port=port, credentials=credentials, extra_args=cors
    ) as server:
        yield MessagingServer(server, variables)


@contextmanager
def serving_widget_page(origin: str, socket_url: str, log: Path) -> Iterator[str]:
    """The widget page (scripts/serve_web.py) at `origin`, talking to the Rasa server at
    `socket_url`; yields the page's URL."""
    command = [
        sys.executable,
        str(PROJECT_ROOT / "scripts" / "serve_web.py"),
        "--port",
        origin.rsplit(":", 1)[1],
        "--socket-url",
        socket_url,
    ]
    with running(command, f"{origin}/", log):
        yield f"{origin}/"


@pytest.fixture(scope="session")
def widget_page(
    tmp_path_factory: pytest.TempPathFactory, messaging: MessagingServer, widget_origin: str
) -> Iterator[str]:
    """The URL of the widget page, talking to the messaging server."""
    log = tmp_path_factory.mktemp("web") / "web.log"
    with serving_widget_page(widget_origin, messaging.rasa.url, log) as url:
        yield url


# --- What the channel tests expect the bot to say ------------------------------------------

QUESTION = "what is cervical dystonia?"
ANSWER_MARK = "spasmodic torticollis"
HANDOFF_MARK = "please talk to your healthcare provider"
DISCLAIMER_MARK = "not medical advice"


def capability_buttons(rasa: RasaServer) -> list[dict[str, str]]:
    """The buttons of the bot's `what can you do?` reply, as the REST channel returns them."""
    [*_, with_buttons] = rasa.ask("what can you do?", f"rest-{uuid.uuid4().hex}")
    return [{"title": b["title"], "payload": b["payload"]} for b in with_buttons["buttons"]]


def what_is_button(buttons: list[dict[str, str]]) -> dict[str, str]:
    """The button that asks what cervical dystonia is."""
    return next(b for b in buttons if "what is cervical dystonia" in b["title"].lower())


def assert_answer_then_handoff(texts: list[str]) -> None:
    """The replies answer what cervical dystonia is, and the last one is the handoff."""
    assert any(ANSWER_MARK in text.lower() for text in texts), texts
    assert HANDOFF_MARK in texts[-1].lower(), texts
