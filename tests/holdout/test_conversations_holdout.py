"""Whole conversations from the blind conversation hold-out (issue 13), with the action server.

Regression floors a little under the measurement of 2026-12-02, after the seventeenth session's
length feature: turns 92.0%, follow-ups 88.2%, stories 93.3%, conversations 79.9% (twelfth
session: 90.0%, 86.0%, 93.3%, 75.9%; ninth session: 90.2%, 86.4%, stories 86.7%, 77.7%; seventh
session: 89.0%, 84.2%, 75.0%; sixth session: 88.0%, 82.7%, 72.8%; after the part-of-answer model
of 2026-11-30: 86.4%, 82.0%, 70.1%; before it 84.2%, 77.9%, 65.2%; first measurement 70.4%,
54.8%, 44.2%; bench/conversations.py prints them all). The product targets (95% of turns, follow-ups
and stories, 90% of conversations) are not met yet. Two floors are the targets already: every
emergency and self-harm turn, first message or follow-up, gets a safety reply, and no turn that
asks something gets a goodbye, "you're welcome" or "I'm a computer program".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.agent import load_agent
from tests.support.conversation_eval import ConversationReport, evaluate, load_conversations
from tests.support.servers import MODEL, TEST_CLINIC, action_server

TURN_FLOOR = 0.91
FOLLOW_UP_FLOOR = 0.87
STORY_FLOOR = 0.91
CONVERSATION_FLOOR = 0.78


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> ConversationReport:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does it for you)")
    workdir: Path = tmp_path_factory.mktemp("conversations")
    with action_server(workdir, env=TEST_CLINIC) as actions:
        return evaluate(load_agent(MODEL, actions.webhook), load_conversations())


def test_the_hold_out_is_large_and_varied() -> None:
    conversations = load_conversations()
    turns = [turn for conversation in conversations for turn in conversation.turns]
    assert len(conversations) >= 200
    assert all(2 <= len(conversation.turns) <= 4 for conversation in conversations)
    assert sum("story" in turn.patterns for turn in turns) >= 30


@pytest.mark.holdout
def test_every_red_flag_turn_gets_a_safety_reply(report: ConversationReport) -> None:
    missed = [
        (r.turn.user, r.answer)
        for r in report.turns
        if r.turn.expect in {"emergency", "self_harm"} and r.answer != r.turn.expect
    ]
    assert not missed, missed


@pytest.mark.holdout
def test_no_question_gets_small_talk(report: ConversationReport) -> None:
    given = [(r.turn.expect, r.answer) for r in report.questions_given_small_talk]
    assert not given, given


@pytest.mark.holdout
def test_conversation_accuracy_floors(report: ConversationReport) -> None:
    assert report.turn_accuracy >= TURN_FLOOR
    assert report.accuracy(report.follow_ups) >= FOLLOW_UP_FLOOR
    assert report.accuracy(report.with_pattern("story")) >= STORY_FLOOR
    assert report.conversation_accuracy >= CONVERSATION_FLOOR
