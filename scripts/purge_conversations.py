"""Delete conversations whose last message is older than N days from the SQL tracker store.

The store is the `tracker_store` of `--endpoints`, by default endpoints.yml (SQLite), or
endpoints.scale.yml (PostgreSQL) when TRACKER_STORE=postgres, as for scripts/run_servers.sh.
`${VAR}`s in it are filled from the environment and `.env`. N is `--days`, else the variable
RETENTION_DAYS, else 30.
Usage: PYTHONPATH=. python scripts/purge_conversations.py [--days N] [--endpoints FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import delete, func, select

from settings import apply_env_file
from stores.configured import open_sql_tracker_store

RETENTION_VARIABLE = "RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30
SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    events: int


def purge_older_than(store: SQLTrackerStore, days: float, now: float | None = None) -> PurgeResult:
    """Delete every event of the conversations last active more than `days` days before `now`."""
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    events = SQLTrackerStore.SQLEvent.__table__
    expired = (
        select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(func.max(events.c.timestamp) < cutoff)
    )
    with store.engine.begin() as connection:
        conversations = len(connection.execute(expired).all())
        deleted = connection.execute(delete(events).where(events.c.sender_id.in_(expired)))
    return PurgeResult(conversations, deleted.rowcount)


def retention_days(argument: int | None) -> int:
    """`--days`, else RETENTION_DAYS, else the default; exits on a value that is not >= 1."""
    raw = str(argument) if argument is not None else os.environ.get(RETENTION_VARIABLE, "")
    if not raw.strip():
        return DEFAULT_RETENTION_DAYS
    if not raw.strip().isdigit() or int(raw) < 1:
        sys.exit(f"The retention period must be a whole number of days >= 1, not {raw!r}.")
    return int(raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, help=f"default: ${RETENTION_VARIABLE} or 30")
    parser.add_argument("--endpoints", type=Path, help="default: as scripts/run_servers.sh")
    args = parser.parse_args()
    apply_env_file()
    days = retention_days(args.days)
    result = purge_older_than(open_sql_tracker_store(args.endpoints), days)
    print(
        f"Deleted {result.conversations} conversation(s) ({result.events} events) "
        f"last active more than {days} day(s) ago."
    )


if __name__ == "__main__":
    main()
