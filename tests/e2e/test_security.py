"""Security and privacy of the servers as `make run` starts them (scripts/run_servers.sh)."""

from __future__ import annotations

import ipaddress
import subprocess
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jwt
import pytest
import requests
import yaml

from tests.support.servers import (
    MODEL,
    PROJECT_ROOT,
    TEST_CLINIC,
    free_port,
    running,
    write_endpoints,
)

API_TOKEN = f"test-token-{uuid.uuid4().hex}"
JWT_SECRET = f"test-jwt-secret-{uuid.uuid4().hex}"
STAFF_CLAIMS = {"user": {"username": "staff", "role": "admin"}}
# Set to empty so that a developer's .env (which run_servers.sh reads) cannot change the defaults.
UNSET = dict.fromkeys(["RASA_API_TOKEN", "RASA_JWT_SECRET", "CORS_ORIGINS", "LOG_MESSAGES"], "")
SECRET_KEYS = {"password", "token", "secret", "access_token", "auth_token", "api_key"}


@dataclass
class Launched:
    rasa_port: int
    action_port: int
    web_port: int
    log: Path

    @property
    def default_origin(self) -> str:
        """The widget page's origin, which run_servers.sh allows when CORS_ORIGINS is unset."""
        return f"http://localhost:{self.web_port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def ask(self, text: str, headers: Mapping[str, str] | None = None) -> requests.Response:
        return requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": f"security-{uuid.uuid4().hex}", "message": text},
            headers=headers,
            timeout=60,
        )


@contextmanager
def launched(workdir: Path, env: Mapping[str, str]) -> Iterator[Launched]:
    """scripts/run_servers.sh on free ports, with the test model and a SQLite file in `workdir`."""
    servers = Launched(free_port(), free_port(), free_port(), workdir / "servers.log")
    endpoints = write_endpoints(workdir, "http://127.0.0.1:5055/webhook")
    command = [str(PROJECT_ROOT / "scripts" / "run_servers.sh")]
    command += [str(servers.rasa_port), str(servers.action_port)]
    full_env = {**UNSET, **TEST_CLINIC, "RASA_MODEL": str(MODEL), "RASA_ENDPOINTS": str(endpoints)}
    full_env.update({"WEB_PORT": str(servers.web_port), **env})
    with running(command, f"{servers.url}/webhooks/rest/", servers.log, full_env):
        yield servers


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on TCP `port` (from /proc/net/tcp*)."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                raw = bytes.fromhex(address)
                # /proc stores each 32-bit word in host (little-endian) order
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                addresses.add(str(ipaddress.ip_address(words)))
    return addresses


def allowed_origin(servers: Launched, origin: str) -> str | None:
    """The Access-Control-Allow-Origin the Rasa server answers a browser preflight from `origin`."""
    preflight = requests.options(
        f"{servers.url}/webhooks/rest/webhook",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        timeout=30,
    )
    return preflight.headers.get("Access-Control-Allow-Origin")


@pytest.fixture(scope="module")
def default_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    """The servers with no security variable set: the defaults a clinic gets."""
    with launched(tmp_path_factory.mktemp("default"), env={}) as servers:
        yield servers


@pytest.fixture(scope="module")
def configured_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launched]:
    """The servers with the API on (token or JWT), custom CORS origins and message logging on."""
    env = {
        "RASA_API_TOKEN": API_TOKEN,
        "RASA_JWT_SECRET": JWT_SECRET,
        "CORS_ORIGINS": "https://clinic.test https://www.clinic.test",
        "LOG_MESSAGES": "1",
    }
    with launched(tmp_path_factory.mktemp("configured"), env) as servers:
        yield servers


@pytest.mark.e2e
def test_the_http_api_is_off_by_default(default_servers: Launched) -> None:
    for path in ("/status", "/version", "/conversations/someone/tracker"):
        assert requests.get(f"{default_servers.url}{path}", timeout=30).status_code == 404


@pytest.mark.e2e
def test_every_server_listens_on_loopback_only(default_servers: Launched) -> None:
    for port in (default_servers.rasa_port, default_servers.action_port, default_servers.web_port):
        addresses = listening_addresses(port)
        assert addresses, f"nothing listens on {port}"
        assert all(ipaddress.ip_address(a).is_loopback for a in addresses), addresses


@pytest.mark.e2e
def test_cors_allows_only_the_default_origin(default_servers: Launched) -> None:
    origin = default_servers.default_origin
    assert allowed_origin(default_servers, origin) == origin
    assert allowed_origin(default_servers, "https://evil.example") is None


@pytest.mark.e2e
def test_logs_do_not_contain_message_text(default_servers: Launched) -> None:
    secret = f"my neck hurts {uuid.uuid4().hex}"
    response = default_servers.ask(secret)
    assert response.status_code == 200 and response.json()
    assert secret not in default_servers.log.read_text()


@pytest.mark.e2e
def test_the_api_refuses_requests_without_the_token(configured_servers: Launched) -> None:
    url = f"{configured_servers.url}/status"
    assert requests.get(url, timeout=30).status_code == 401
    assert requests.get(url, params={"token": "wrong"}, timeout=30).status_code == 401
    assert requests.get(url, params={"token": API_TOKEN}, timeout=30).status_code == 200


@pytest.mark.e2e
def test_the_api_accepts_only_jwts_signed_with_the_secret(configured_servers: Launched) -> None:
    url = f"{configured_servers.url}/status"
    for secret, status in ((JWT_SECRET, 200), ("another-secret", 401)):
        token = jwt.encode(STAFF_CLAIMS, secret, algorithm="HS256")
        headers = {"Authorization": f"Bearer {token}"}
        assert requests.get(url, headers=headers, timeout=30).status_code == status


@pytest.mark.e2e
def test_cors_allows_exactly_the_configured_origins(configured_servers: Launched) -> None:
    for origin in ("https://clinic.test", "https://www.clinic.test"):
        assert allowed_origin(configured_servers, origin) == origin
    for origin in (configured_servers.default_origin, "https://clinic.test.evil.example"):
        assert allowed_origin(configured_servers, origin) is None


@pytest.mark.e2e
def test_the_debug_switch_puts_message_text_in_the_logs(configured_servers: Launched) -> None:
    secret = f"my neck hurts {uuid.uuid4().hex}"
    assert configured_servers.ask(secret).status_code == 200
    assert secret in configured_servers.log.read_text()


def secret_values(node: object) -> Iterator[tuple[str, object]]:
    """Every (key, value) in a YAML tree whose key names a secret."""
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).lower() in SECRET_KEYS or str(key).lower().endswith("_token"):
                yield str(key), value
            yield from secret_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from secret_values(item)


def test_no_secret_is_committed() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert ".env" not in tracked
    for name in tracked:
        if name.endswith((".yml", ".yaml")) and not name.startswith(("data/", "tests/")):
            for config in yaml.safe_load_all((PROJECT_ROOT / name).read_text()):
                for key, value in secret_values(config):
                    assert value is None or str(value).startswith("${"), f"{name}: {key} is set"
