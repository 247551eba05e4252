"""The SQL tracker store the servers use, opened by the staff tools and the purge script.

endpoints.yml (SQLite) by default, endpoints.scale.yml (PostgreSQL) when TRACKER_STORE=postgres,
as for scripts/run_servers.sh; `${VAR}`s in it are filled from the environment and `.env`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.exceptions import ConnectionException
from rasa.utils.endpoints import read_endpoint_config

from settings import PROJECT_ROOT, apply_env_file


def default_endpoints() -> Path:
    """The endpoints file the servers use: endpoints.scale.yml when TRACKER_STORE=postgres."""
    scale = os.environ.get("TRACKER_STORE") == "postgres"
    return PROJECT_ROOT / ("endpoints.scale.yml" if scale else "endpoints.yml")


def open_sql_tracker_store(endpoints: Path | None = None) -> SQLTrackerStore:
    """The SQL tracker store configured in `endpoints`; exits with a message for any other kind."""
    apply_env_file()
    endpoints = endpoints or default_endpoints()
    config = read_endpoint_config(str(endpoints), "tracker_store")
    try:
        store = TrackerStore.create(config) if config else None
    except ConnectionException as error:
        sys.exit(f"{endpoints}: {error}")
    if not isinstance(store, SQLTrackerStore):
        sys.exit(f"{endpoints}: this needs a tracker_store of type SQL.")
    return store
