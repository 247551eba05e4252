"""Redis lock store that stays correct when several Rasa servers get one conversation at once.

Rasa's `RedisLockStore` keeps each conversation's ticket lock as one Redis value and changes it by
read-modify-write (issue a ticket, drop expired ones, finish and delete). Two servers doing that
at the same moment can both hold ticket 0 and process the conversation side by side, and the
tracker store then loses one of the turns (RasaHQ/rasa PR #11256 describes the race; its fix is
not in Rasa Open Source). This subclass runs each of those changes under a short Redis mutex
(`SET NX PX`, released only by its owner), so tickets are issued and served strictly in turn.
Rasa calls these methods synchronously, so waiting for the mutex blocks the event loop, but only
for the millisecond or two another server needs to change the same conversation's lock.

Configured in endpoints.scale.yml with `type: stores.lock_store.AtomicRedisLockStore` and
the same keys as Rasa's `redis` lock store.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# A ticket change takes a millisecond or two; a server that dies holding the mutex frees it
# after this long.
MUTEX_LIFETIME_MS = 2000
MUTEX_RETRY_SECONDS = 0.002
MUTEX_WAIT_SECONDS = 10.0
# Deletes the mutex only if it still holds this owner's token.
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"


class AtomicRedisLockStore(RedisLockStore):
    """`RedisLockStore` whose ticket changes are atomic across Rasa servers."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    @contextmanager
    def _exclusive(self, conversation_id: str) -> Iterator[None]:
        """Hold the conversation's mutex while its ticket lock is read and written back."""
        key = f"{self.key_prefix}{conversation_id}:mutex"
        token = uuid.uuid4().hex
        deadline = time.monotonic() + MUTEX_WAIT_SECONDS
        while not self.red.set(key, token, nx=True, px=MUTEX_LIFETIME_MS):
            if time.monotonic() > deadline:
                raise LockError(f"Could not change the lock of conversation '{conversation_id}'.")
            time.sleep(MUTEX_RETRY_SECONDS)
        try:
            yield
        finally:
            self.red.eval(_RELEASE, 1, key, token)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._exclusive(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._exclusive(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._exclusive(conversation_id):
            super().cleanup(conversation_id, ticket_number)
