"""A loopback stand-in for the messaging platforms' APIs, and signed webhook requests for them.

One aiohttp server (in its own thread) answers what Rasa's channels call on Telegram, Twilio, the
Facebook Graph API and Slack, with just enough of each platform's reply for the client libraries,
and records every call so that tests can check what the bot sent.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests
from aiohttp import web
from twilio.request_validator import RequestValidator

WAIT_SECONDS = 60


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made to a platform's API."""

    path: str
    query: dict[str, str]
    body: dict[str, Any]


def platform_reply(path: str, body: dict[str, Any], telegram_username: str) -> dict[str, Any]:
    """The smallest reply each platform's client library accepts for the call at `path`."""
    if path.endswith("/getMe"):
        user = {"id": 1, "is_bot": True, "first_name": "Bot", "username": telegram_username}
        return {"ok": True, "result": user}
    if path.endswith("/sendMessage"):
        chat = {"id": int(body.get("chat_id", 0)), "type": "private"}
        message = {"message_id": 1, "date": 0, "chat": chat, "text": body.get("text", "")}
        return {"ok": True, "result": message}
    if path.endswith("/setWebhook"):
        return {"ok": True, "result": True, "description": "Webhook was set"}
    if path.endswith("/Messages.json"):
        return {"sid": "SM0", "status": "queued", "to": body.get("To"), "body": body.get("Body")}
    if path.endswith("/me/messages"):
        return {"recipient_id": body.get("recipient", {}).get("id"), "message_id": "m_0"}
    if path.endswith("/chat.postMessage"):
        return {"ok": True, "channel": body.get("channel"), "ts": "1.0"}
    return {"ok": False, "error": f"the stand-in does not know {path}"}


class PlatformStandIn:
    """Records the calls made to it and answers them like the platform would."""

    def __init__(self, telegram_username: str) -> None:
        self.telegram_username = telegram_username
        self.calls: list[ApiCall] = []
        self.lock = threading.Lock()
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        if request.content_type == "application/json":
            body = await request.json()
        else:
            body = {key: value for key, value in (await request.post()).items()}
        with self.lock:
            self.calls.append(ApiCall(request.path, dict(request.query), body))
        status = 201 if request.path.endswith("/Messages.json") else 200
        reply = platform_reply(request.path, body, self.telegram_username)
        return web.json_response(reply, status=status)

    def calls_to(self, path_end: str) -> list[ApiCall]:
        with self.lock:
            return [call for call in self.calls if call.path.endswith(path_end)]

    def wait_for(
        self, path_end: str, matches: Callable[[ApiCall], bool], since: int = 0
    ) -> list[ApiCall]:
        """The calls to `path_end` from number `since` on, once one of them matches (or fail)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            calls = self.calls_to(path_end)[since:]
            if any(matches(call) for call in calls):
                return calls
            time.sleep(0.2)
        raise AssertionError(f"no matching call to {path_end}: {self.calls_to(path_end)[since:]}")


@contextmanager
def platform_standin(telegram_username: str) -> Iterator[PlatformStandIn]:
    """Run a `PlatformStandIn` on a free loopback port until the context ends."""
    standin = PlatformStandIn(telegram_username)
    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", standin.handle)
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = site._server.sockets[0].getsockname()[1]
    standin.url = f"http://127.0.0.1:{port}"
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield standin
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


# --- Webhook requests as each platform signs them ------------------------------------------


def post_telegram(url: str, update: dict, secret_token: str) -> requests.Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret_token}
    return requests.post(url, json=update, headers=headers, timeout=60)


def post_twilio(url: str, form: dict[str, str], auth_token: str) -> requests.Response:
    signature = RequestValidator(auth_token).compute_signature(url, form)
    return requests.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=60)


def post_facebook(url: str, payload: dict, app_secret: str) -> requests.Response:
    body = json.dumps(payload).encode()
    digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"}
    return requests.post(url, data=body, headers=headers, timeout=60)


def slack_headers(body: bytes, signing_secret: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    base = b"v0:" + timestamp.encode() + b":" + body
    digest = hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


def post_slack_event(url: str, event: dict, signing_secret: str) -> requests.Response:
    body = json.dumps(event).encode()
    headers = {"Content-Type": "application/json", **slack_headers(body, signing_secret)}
    return requests.post(url, data=body, headers=headers, timeout=60)


def post_slack_interaction(url: str, payload: dict, signing_secret: str) -> requests.Response:
    body = urlencode({"payload": json.dumps(payload)}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        **slack_headers(body, signing_secret),
    }
    return requests.post(url, data=body, headers=headers, timeout=60)
