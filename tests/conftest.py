"""Shared fixtures: one action server and one Rasa server per test session, on loopback."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

import rasa_fixes
from tests.support.servers import (
    MODEL,
    TEST_CLINIC,
    ActionServer,
    RasaServer,
    action_server,
    rasa_server,
)

# The channel tests' server with the messaging channels and the widget page (one per session).
pytest_plugins = ("tests.support.channel_fixtures",)

# As `python -m rasa_fixes` does for the servers: tests that build Rasa's objects in-process get
# the same Rasa.
rasa_fixes.install()


@pytest.fixture(scope="session")
def actions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ActionServer]:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does it for you)")
    with action_server(tmp_path_factory.mktemp("actions"), env=TEST_CLINIC) as server:
        yield server


@pytest.fixture(scope="session")
def rasa(tmp_path_factory: pytest.TempPathFactory, actions: ActionServer) -> Iterator[RasaServer]:
    with rasa_server(tmp_path_factory.mktemp("rasa"), actions.webhook) as server:
        yield server


@pytest.fixture
def sender() -> str:
    """A fresh conversation id for each test."""
    return f"test-{uuid.uuid4().hex}"
