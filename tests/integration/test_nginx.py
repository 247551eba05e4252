"""nginx in front of two Rasa servers on PostgreSQL + Redis (deploy/nginx/bot.conf.template):
the widget page, sticky Socket.IO with the WebSocket upgrade, the webhooks, and nothing else."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import requests
from requests.adapters import HTTPAdapter

from tests.integration.test_load import CONVERSATIONS, TURNS, hold_conversation
from tests.support.channel_fixtures import ANSWER_MARK, HANDOFF_MARK, QUESTION
from tests.support.conversations import QUESTIONS, answers
from tests.support.nginx import Nginx, nginx_server
from tests.support.servers import RasaServer
from tests.support.socketio_client import widget_client

pytestmark = pytest.mark.integration

RATE, BURST = 20, 40


@pytest.fixture(scope="module")
def nginx(
    tmp_path_factory: pytest.TempPathFactory, rasa_pair: tuple[RasaServer, RasaServer]
) -> Iterator[Nginx]:
    workdir = tmp_path_factory.mktemp("nginx")
    with nginx_server(workdir, [server.url for server in rasa_pair], RATE, BURST) as server:
        yield server


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one loopback address: one "client" as nginx sees it."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Client:
    """A patient's browser or app behind its own address, talking REST through nginx."""

    def __init__(self, nginx: Nginx, address: str) -> None:
        self.url = nginx.url
        self.session = requests.Session()
        self.session.mount("http://", SourceAddressAdapter(address))

    def ask(self, text: str, sender: str) -> list[dict]:
        response = self.session.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()


def test_the_widget_page_and_bundle_are_served(nginx: Nginx) -> None:
    page = requests.get(f"{nginx.url}/", timeout=10)
    assert page.status_code == 200 and "rasa-webchat.js" in page.text
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    bundle = requests.get(f"{nginx.url}/rasa-webchat.js", timeout=10)
    assert bundle.status_code == 200 and len(bundle.content) > 100_000
    assert "fonts.googleapis.com" not in bundle.text
    config = requests.get(f"{nginx.url}/config.js", timeout=10).text
    assert f'"{nginx.url}"' in config  # the widget talks to nginx, not to a Rasa server


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/status"),
        ("GET", "/version"),
        ("GET", "/conversations/someone/tracker"),
        ("POST", "/model/parse"),
        ("PUT", "/model"),
        ("GET", "/node_modules/rasa-webchat/package.json"),
    ],
)
def test_the_http_api_and_other_paths_are_not_reachable(
    nginx: Nginx, method: str, path: str
) -> None:
    assert requests.request(method, f"{nginx.url}{path}", timeout=10).status_code == 404


def test_webhooks_are_proxied_and_answered(nginx: Nginx) -> None:
    replies = Client(nginx, "127.0.0.2").ask(QUESTION, f"nginx-{uuid.uuid4().hex}")
    texts = [reply.get("text", "").lower() for reply in replies]
    assert any(ANSWER_MARK in t for t in texts) and HANDOFF_MARK in texts[-1], texts


def test_a_body_over_64_kb_is_refused_with_413(nginx: Nginx) -> None:
    big = {"sender": "big", "message": "x" * 70_000}
    response = requests.post(f"{nginx.url}/webhooks/rest/webhook", json=big, timeout=10)
    assert response.status_code == 413


def test_socketio_conversation_through_nginx_stays_on_one_server(nginx: Nginx) -> None:
    """Long-polling needs every request of a session on the server that made it (ip_hash)."""
    with widget_client(nginx.url) as client:
        session = client.start_session(None)
        for _ in range(3):
            client.say(QUESTION, session)
            replies = client.replies_until(lambda m: HANDOFF_MARK in m.get("text", "").lower())
            assert any(ANSWER_MARK in r.get("text", "").lower() for r in replies), replies


def test_socketio_is_upgraded_to_websocket(nginx: Nginx) -> None:
    handshake = requests.get(f"{nginx.url}/socket.io/?EIO=4&transport=polling", timeout=10)
    sid = handshake.text[handshake.text.index('"sid":"') + 7 :].split('"', 1)[0]
    host, port = urlsplit(nginx.url).hostname, urlsplit(nginx.url).port
    request = (
        f"GET /socket.io/?EIO=4&transport=websocket&sid={sid} HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(request.encode())
        status = connection.recv(1024).split(b"\r\n", 1)[0]
    assert status == b"HTTP/1.1 101 Switching Protocols", status


def test_a_client_sending_too_fast_gets_429(nginx: Nginx) -> None:
    client = Client(nginx, "127.0.0.3")
    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(
            pool.map(
                lambda _: client.session.get(f"{nginx.url}/", timeout=10).status_code,
                range(BURST + 40),
            )
        )
    assert codes.count(429) > 0 and codes.count(200) >= BURST, codes
    other = Client(nginx, "127.0.0.4")  # another client is not affected
    assert other.session.get(f"{nginx.url}/", timeout=10).status_code == 200


def test_fifty_conversations_of_ten_turns_through_nginx_without_errors(nginx: Nginx) -> None:
    """Each conversation is a client of its own address, as patients are."""
    clients = [Client(nginx, f"127.0.1.{number + 1}") for number in range(CONVERSATIONS)]
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        futures = [pool.submit(hold_conversation, clients[n], n) for n in range(CONVERSATIONS)]
        conversations = [future.result() for future in futures]  # raises on any HTTP error
    for number, turns in enumerate(conversations):
        assert len(turns) == TURNS
        for turn, replies in enumerate(turns):
            question = (number + turn) % len(QUESTIONS)
            assert answers(question, replies), (number, turn, QUESTIONS[question][0], replies)
