"""Optional feedback buttons under each answer (FEEDBACK_BUTTONS=1), off by default."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.actions.action import ActionSessionStart
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_fixes
from settings import load_feedback_buttons
from tests.support.servers import PROJECT_ROOT

rasa_fixes.install()
DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.mark.parametrize(
    ("value", "enabled"),
    [("", False), ("0", False), ("1", True), ("true", True), ("Yes", True), ("maybe", False)],
)
def test_feedback_buttons_setting(tmp_path: Path, monkeypatch, value: str, enabled: bool) -> None:
    monkeypatch.delenv("FEEDBACK_BUTTONS", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text(f"FEEDBACK_BUTTONS={value}\n")
    assert load_feedback_buttons(env_file) is enabled


def test_both_handoff_variations_say_the_same() -> None:
    with_buttons, plain = DOMAIN.responses["utter_handoff"]
    assert with_buttons["text"] == plain["text"]
    assert with_buttons["metadata"] == plain["metadata"]
    assert [b["payload"] for b in with_buttons["buttons"]] == [
        "/feedback_helpful",
        "/feedback_not_helpful",
    ]
    assert "buttons" not in plain


@pytest.fixture
def fresh_feedback_setting() -> Iterator[None]:
    """The setting is read once per process; these tests change it, and leave it unread."""
    load_feedback_buttons.cache_clear()
    yield
    load_feedback_buttons.cache_clear()


@pytest.mark.usefixtures("fresh_feedback_setting")
@pytest.mark.parametrize("enabled", [False, True])
def test_the_session_start_sets_the_slot_and_the_handoff_follows_it(monkeypatch, enabled) -> None:
    monkeypatch.setenv("FEEDBACK_BUTTONS", "1" if enabled else "0")
    tracker = DialogueStateTracker("s", DOMAIN.slots)
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    events = asyncio.run(ActionSessionStart().run(CollectingOutputChannel(), nlg, tracker, DOMAIN))
    assert SlotSet("feedback_buttons", enabled) in events
    for event in events:
        tracker.update(event)
    handoff = asyncio.run(nlg.generate("utter_handoff", tracker, "rest"))
    titles = [b["title"] for b in handoff.get("buttons") or []]
    assert titles == (["Helpful", "Not helpful"] if enabled else [])
