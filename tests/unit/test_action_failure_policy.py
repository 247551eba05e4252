"""The action-failure policy: after a custom action failed, an apology and the handoff."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from dialogue.action_failure_policy import (
    ActionFailurePolicy,
    actions_after_failure,
    current_turn,
    next_recovery_action,
)

RECOVERY = ActionFailurePolicy.get_default_config()["responses"]


SESSION_START = [ActionExecuted("action_session_start"), SessionStarted()]


def turn_after(*events: object) -> DialogueStateTracker:
    """A live conversation: a session start, a user message, then `events`."""
    return DialogueStateTracker.from_events("unit", [*SESSION_START, UserUttered("hi"), *events])


CUSTOM = {"action_answer_side_effects"}


def test_a_custom_action_that_left_no_events_counts_as_failed() -> None:
    failed = turn_after(ActionExecuted("action_answer_side_effects"))
    assert actions_after_failure(current_turn(failed), CUSTOM) == []


def test_a_custom_action_that_sent_messages_did_not_fail() -> None:
    succeeded = turn_after(ActionExecuted("action_answer_side_effects"), BotUttered("answer"))
    assert actions_after_failure(current_turn(succeeded), CUSTOM) is None


def test_only_the_latest_turn_is_considered() -> None:
    earlier_failure = turn_after(
        ActionExecuted("action_answer_side_effects"),
        ActionExecuted("action_listen"),
        UserUttered("thanks"),
    )
    assert actions_after_failure(current_turn(earlier_failure), CUSTOM) is None


def test_the_policy_apologises_in_live_conversations_only() -> None:
    policy = ActionFailurePolicy(
        ActionFailurePolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}))
    )
    domain = Domain.from_dict(
        {
            "actions": sorted(CUSTOM),
            "responses": {name: [{"text": name}] for name in RECOVERY},
        }
    )
    live = turn_after(ActionExecuted("action_answer_side_effects"))
    replayed = DialogueStateTracker.from_events("story", list(live.events)[len(SESSION_START) :])

    def predicted(tracker: DialogueStateTracker) -> str | None:
        probabilities = policy.predict_action_probabilities(tracker, domain).probabilities
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        return domain.action_names_or_texts[best] if probabilities[best] else None

    # as the SQL tracker store loads a session: from its SessionStarted event on
    loaded = DialogueStateTracker.from_events("sql", list(live.events)[1:])
    assert predicted(live) == predicted(loaded) == RECOVERY[0]
    assert predicted(replayed) is None


def test_recovery_sends_the_responses_in_order_then_listens() -> None:
    assert next_recovery_action([], RECOVERY) == RECOVERY[0]
    assert next_recovery_action(RECOVERY[:1], RECOVERY) == RECOVERY[1]
    assert next_recovery_action(RECOVERY, RECOVERY) == "action_listen"
    assert next_recovery_action(["utter_greet"], RECOVERY) is None
