"""The widget page server: only the page's files, no third-party requests, a strict policy."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer

import pytest
import requests

from scripts.serve_web import GOOGLE_FONT_IMPORT, WIDGET_BUNDLE, WidgetPageHandler

SOCKET_URL = "https://bot.clinic.test"


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    handler = partial(WidgetPageHandler, socket_url=SOCKET_URL)
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


def test_config_names_the_rasa_server(page_url: str) -> None:
    config = requests.get(f"{page_url}/config.js", timeout=10)
    assert config.text == f'window.BOT_SOCKET_URL = "{SOCKET_URL}";\n'


def test_policy_allows_own_scripts_and_the_rasa_server_only(page_url: str) -> None:
    policy = requests.get(page_url, timeout=10).headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == f"'self' {SOCKET_URL} wss://bot.clinic.test"


def test_bundle_is_served_without_the_google_font_import(page_url: str) -> None:
    assert GOOGLE_FONT_IMPORT in WIDGET_BUNDLE.read_bytes()
    bundle = requests.get(f"{page_url}/rasa-webchat.js", timeout=10)
    assert bundle.status_code == 200
    assert b"fonts.googleapis.com" not in bundle.content


@pytest.mark.parametrize(
    "path", ["/package.json", "/node_modules/rasa-webchat/package.json", "/../README.md", "/x"]
)
def test_nothing_else_is_served(page_url: str, path: str) -> None:
    assert requests.get(f"{page_url}{path}", timeout=10).status_code == 404
