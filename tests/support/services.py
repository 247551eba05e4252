"""PostgreSQL and Redis from Debian's packages, started on loopback for the integration tests.

PostgreSQL refuses to run as root, so when the tests run as root its data directory belongs to the
`postgres` user that the Debian package creates, and the server runs as that user (`runuser`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import redis

from tests.support.servers import free_port, stopping

POSTGRES_BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
START_TIMEOUT_SECONDS = 60
MISSING = "{} is not installed: see README 'Test prerequisites' (.ci/run installs it)"


@dataclass(frozen=True)
class Postgres:
    port: int
    user: str
    password: str
    db: str
    host: str = "127.0.0.1"

    def connect(self) -> psycopg2.extensions.connection:
        return psycopg2.connect(
            host=self.host, port=self.port, user=self.user, password=self.password, dbname=self.db
        )

    def env(self) -> dict[str, str]:
        """The variables endpoints.scale.yml reads."""
        return {
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_DB": self.db,
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
        }


@dataclass(frozen=True)
class Redis:
    port: int
    password: str
    host: str = "127.0.0.1"

    def client(self) -> redis.Redis:
        return redis.Redis(host=self.host, port=self.port, password=self.password)

    def env(self) -> dict[str, str]:
        """The variables endpoints.scale.yml reads."""
        return {
            "REDIS_HOST": self.host,
            "REDIS_PORT": str(self.port),
            "REDIS_DB": "0",
            "REDIS_PASSWORD": self.password,
        }


def _as_postgres_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _wait_for(ready: Callable[[], object], process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"service exited early:\n{log.read_text()[-3000:]}")
        try:
            ready()
            return
        except (psycopg2.OperationalError, redis.exceptions.ConnectionError):
            time.sleep(0.3)
    raise TimeoutError(f"service did not come up:\n{log.read_text()[-3000:]}")


@contextmanager
def postgres_server(log: Path) -> Iterator[Postgres]:
    """A throw-away PostgreSQL cluster on a free loopback port with password authentication."""
    if not POSTGRES_BINARIES:
        raise RuntimeError(MISSING.format("PostgreSQL"))
    binaries = POSTGRES_BINARIES[-1]
    service = Postgres(free_port(), "rasa", secrets.token_hex(12), "rasa")
    workdir = Path(tempfile.mkdtemp(prefix="rasa-postgres-"))
    try:
        (workdir / "password").write_text(service.password)
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres", "postgres")
            shutil.chown(workdir / "password", "postgres", "postgres")
        initdb = [str(binaries / "initdb"), "-D", str(workdir / "data"), "-U", service.user]
        initdb += ["--pwfile", str(workdir / "password"), "--auth", "scram-sha-256"]
        subprocess.run(_as_postgres_user(initdb), check=True, capture_output=True, timeout=120)
        server = [str(binaries / "postgres"), "-D", str(workdir / "data"), "-h", service.host]
        server += ["-p", str(service.port), "-k", str(workdir), "-c", "fsync=off"]
        with log.open("w") as log_file:
            process = subprocess.Popen(
                _as_postgres_user(server), stdout=log_file, stderr=subprocess.STDOUT
            )
        with stopping(process):
            admin = Postgres(service.port, service.user, service.password, "postgres")
            _wait_for(lambda: admin.connect().close(), process, log)
            connection = admin.connect()
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {service.db}")
            connection.close()
            yield service
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def redis_server(log: Path) -> Iterator[Redis]:
    """A throw-away Redis on a free loopback port with a password and no persistence."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise RuntimeError(MISSING.format("redis-server"))
    service = Redis(free_port(), secrets.token_hex(12))
    command = [executable, "--bind", service.host, "--port", str(service.port), "--save", ""]
    command += ["--appendonly", "no", "--requirepass", service.password]
    with log.open("w") as log_file:
        process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
    with stopping(process):
        _wait_for(lambda: service.client().ping(), process, log)
        yield service
