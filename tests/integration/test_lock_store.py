"""The atomic Redis lock store against a real Redis: tickets stay unique under contention."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.utils.endpoints import EndpointConfig

from stores.lock_store import AtomicRedisLockStore
from tests.support.services import Redis

pytestmark = pytest.mark.integration

REQUESTS = 64


def lock_store(redis_lock_store: Redis) -> AtomicRedisLockStore:
    """A lock store configured as endpoints.scale.yml configures it."""
    env = redis_lock_store.env()
    config = EndpointConfig(
        url=env["REDIS_HOST"],
        port=env["REDIS_PORT"],
        db=env["REDIS_DB"],
        password=env["REDIS_PASSWORD"],
    )
    return AtomicRedisLockStore(config)


def test_two_servers_issuing_tickets_at_once_never_share_one(redis_lock_store: Redis) -> None:
    servers = [lock_store(redis_lock_store), lock_store(redis_lock_store)]
    conversation = f"lock-{uuid.uuid4().hex}"
    with ThreadPoolExecutor(max_workers=16) as pool:
        tickets = list(
            pool.map(lambda n: servers[n % 2].issue_ticket(conversation), range(REQUESTS))
        )
    assert sorted(tickets) == list(range(REQUESTS))
    for number, ticket in enumerate(sorted(tickets)):
        servers[number % 2].cleanup(conversation, ticket)
    assert servers[0].get_lock(conversation) is None
