"""Register the Telegram webhook (`make register-webhook`), with the secret token Telegram echoes.

Telegram is the only platform here whose webhook is set through its API; Twilio, Facebook and Slack
take the webhook URL in their consoles (README). Reads the same variables as the server
(environment, then `.env`): TELEGRAM_ACCESS_TOKEN, TELEGRAM_WEBHOOK_URL, TELEGRAM_SECRET_TOKEN and,
optionally, TELEGRAM_API_URL.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

import requests

from channels.telegram import TELEGRAM_API_URL
from scripts.credentials import project_environment

REQUIRED = ("TELEGRAM_ACCESS_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN")
# the updates channels/telegram.py handles
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def register_telegram_webhook(env: Mapping[str, str]) -> dict:
    """Call Telegram's setWebhook; return its JSON answer (raise if it is not ok)."""
    missing = [variable for variable in REQUIRED if not env.get(variable)]
    if missing:
        raise ValueError(f"set {', '.join(missing)} (in .env or the environment) first")
    api_base_url = env.get("TELEGRAM_API_URL") or TELEGRAM_API_URL
    answer = requests.post(
        f"{api_base_url.rstrip('/')}/bot{env['TELEGRAM_ACCESS_TOKEN']}/setWebhook",
        json={
            "url": env["TELEGRAM_WEBHOOK_URL"],
            "secret_token": env["TELEGRAM_SECRET_TOKEN"],
            "allowed_updates": ALLOWED_UPDATES,
        },
        timeout=30,
    ).json()
    if not answer.get("ok"):
        raise RuntimeError(f"Telegram refused the webhook: {answer.get('description', answer)}")
    return answer


if __name__ == "__main__":
    try:
        result = register_telegram_webhook(project_environment())
    except (ValueError, RuntimeError, requests.RequestException) as error:
        sys.exit(f"register-webhook: {error}")
    print(f"Telegram: {result.get('description', 'webhook set')}")
