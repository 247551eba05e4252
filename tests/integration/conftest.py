"""Session fixtures for the integration tests: PostgreSQL, Redis, one action server and two Rasa
servers sharing the SQL tracker store and the Redis lock store (endpoints.scale.yml)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.support.servers import (
    MODEL,
    PROJECT_ROOT,
    TEST_CLINIC,
    ActionServer,
    RasaServer,
    action_server,
    rasa_server,
)
from tests.support.services import Postgres, Redis, postgres_server, redis_server


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    with postgres_server(tmp_path_factory.mktemp("postgres") / "postgres.log") as service:
        yield service


@pytest.fixture(scope="session")
def redis_lock_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Redis]:
    with redis_server(tmp_path_factory.mktemp("redis") / "redis.log") as service:
        yield service


@pytest.fixture(scope="session")
def scale_actions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ActionServer]:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does it for you)")
    with action_server(tmp_path_factory.mktemp("scale-actions"), env=TEST_CLINIC) as server:
        yield server


@pytest.fixture(scope="session")
def rasa_pair(
    tmp_path_factory: pytest.TempPathFactory,
    postgres: Postgres,
    redis_lock_store: Redis,
    scale_actions: ActionServer,
) -> Iterator[tuple[RasaServer, RasaServer]]:
    """Two Rasa servers configured by endpoints.scale.yml through its environment variables."""
    env = {**postgres.env(), **redis_lock_store.env()}
    with ExitStack() as stack:
        servers = tuple(
            stack.enter_context(
                rasa_server(
                    tmp_path_factory.mktemp(f"rasa-{name}"),
                    scale_actions.webhook,
                    env=env,
                    endpoints_source=PROJECT_ROOT / "endpoints.scale.yml",
                )
            )
            for name in ("a", "b")
        )
        yield servers
