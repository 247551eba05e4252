"""Start the real action and Rasa servers on free loopback ports for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
import yaml

from settings import PROJECT_ROOT

BIN = Path(sys.executable).parent
# RASA_TEST_MODEL lets a test run use another trained model (for example one trained elsewhere).
MODEL = Path(os.environ.get("RASA_TEST_MODEL", PROJECT_ROOT / "models" / "current.tar.gz"))
START_TIMEOUT_SECONDS = 180
LOOPBACK = {"SANIC_HOST": "127.0.0.1"}
# Clinic details the test action servers run with (environment variables override .env).
TEST_CLINIC = {
    "CLINIC_NAME": "Test Neurology Clinic",
    "CLINIC_PHONE": "+1 555 010 0123",
    "CLINIC_BOOKING_URL": "https://clinic.test/book",
    "EMERGENCY_NUMBER": "112",
    "CRISIS_LINE": "Test Crisis Line on 555 0100",
}


def reply_texts(messages: list[dict]) -> list[str]:
    """The text of each bot message, in order."""
    return [message.get("text", "") for message in messages]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll `url` until it answers 200; fail with the server's log if it dies or times out."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not come up:\n{log.read_text()[-4000:]}")


@contextmanager
def stopping(process: subprocess.Popen, timeout: float = 30) -> Iterator[None]:
    """Terminate `process` when the context ends; kill it if it does not stop in `timeout` s."""
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running(
    command: list[str], health_url: str, log: Path, env: Mapping[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """Run `command` until the context ends; it counts as started once `health_url` answers."""
    full_env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **(env or {})}
    with log.open("w") as log_file:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=full_env, stdout=log_file, stderr=subprocess.STDOUT
        )
        with stopping(process):
            wait_until_up(health_url, process, log)
            yield process


@dataclass
class ActionServer:
    port: int
    log: Path
    pid: int | None = None  # set once the server runs

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"


@contextmanager
def action_server(
    workdir: Path, port: int | None = None, env: Mapping[str, str] | None = None
) -> Iterator[ActionServer]:
    """The rasa_sdk action server serving `actions/`."""
    server = ActionServer(port or free_port(), workdir / "actions.log")
    command = [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port"]
    health = f"http://127.0.0.1:{server.port}/health"
    # rasa_sdk listens on SANIC_HOST, 0.0.0.0 unless set: keep it on loopback.
    with running(
        [*command, str(server.port)], health, server.log, {**LOOPBACK, **(env or {})}
    ) as p:
        server.pid = p.pid
        yield server


@dataclass
class RasaServer:
    port: int
    log: Path
    endpoints: Path
    pid: int | None = None  # set once the server runs

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ask(self, text: str, sender: str) -> list[dict]:
        """Send `text` over the REST channel and return the bot's messages."""
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()


def write_endpoints(
    workdir: Path, action_webhook: str, source: Path = PROJECT_ROOT / "endpoints.yml"
) -> Path:
    """`source` with the test's action server; a SQLite tracker store gets its own file."""
    config = yaml.safe_load(source.read_text())
    config["action_endpoint"]["url"] = action_webhook
    if config["tracker_store"].get("dialect") == "sqlite":
        config["tracker_store"]["db"] = str(workdir / "tracker.db")
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(config))
    return endpoints


@contextmanager
def rasa_server(
    workdir: Path,
    action_webhook: str,
    port: int | None = None,
    credentials: Path | None = None,
    env: Mapping[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
    endpoints_source: Path = PROJECT_ROOT / "endpoints.yml",
    model: Path = MODEL,
) -> Iterator[RasaServer]:
    """`rasa run` with the trained model (default: the project's) on a loopback port, with this
    project's fixes to Rasa (`python -m rasa_fixes run ...`)."""
    endpoints = write_endpoints(workdir, action_webhook, endpoints_source)
    server = RasaServer(port or free_port(), workdir / "rasa.log", endpoints)
    command = [
        str(BIN / "python"),
        "-m",
        "rasa_fixes",
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(server.endpoints),
        "--credentials",
        str(credentials or PROJECT_ROOT / "credentials.yml"),
        "--interface",
        "127.0.0.1",
        "--port",
        str(server.port),
        *extra_args,
    ]
    # The Rasa server fills the clinic details itself at each session start (from the environment)
    rasa_env = {**TEST_CLINIC, **(env or {})}
    with running(command, f"{server.url}/webhooks/rest/", server.log, rasa_env) as process:
        server.pid = process.pid
        yield server
