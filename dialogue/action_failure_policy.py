"""When a custom action fails (for example the action server is down), apologise and hand off.

Rasa 3.6 logs a custom action that raised (connection refused, HTTP 500, timeout) as executed but
drops its events (`MessageProcessor._run_action`), so the tracker ends with a bare
`ActionExecuted` of that action, and the rules would then wait for the user in silence. This
policy sees that bare action and predicts the configured responses (default: an apology, then the
handoff), then `action_listen`. Responses are domain responses, so they work without the action
server; its priority is above RulePolicy's so the rules cannot silence it. When the action server
is back, custom actions succeed again and this policy stays out of the way: no Rasa restart.

Every custom action of this bot sends at least one message, so a custom action that left no
events at all is taken as failed. Stories replayed by `rasa test` look the same (actions are not
run there), so the policy only acts in conversations the server itself started: those hold the
`SessionStarted` event of their session (the Rasa server starts every session itself:
rasa_fixes/session_start.py).
"""

from __future__ import annotations

from typing import Any

from rasa.core.constants import POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.constants import UTTER_PREFIX
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_fixes import require_installed

RESPONSES_KEY = "responses"


def current_turn(tracker: DialogueStateTracker) -> list[Event]:
    """The events since the latest user message."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index + 1 :]
    return events


def actions_after_failure(turn: list[Event], custom_actions: set[str]) -> list[str] | None:
    """Names of the actions run after a failed custom action in `turn`; None if none failed.

    A custom action failed when its `ActionExecuted` is followed directly by another
    `ActionExecuted` or ends the turn: a successful one always leaves its own events behind.
    """
    for index, event in enumerate(turn):
        if not (isinstance(event, ActionExecuted) and event.action_name in custom_actions):
            continue
        following = turn[index + 1 :]
        if not following or isinstance(following[0], ActionExecuted):
            return [e.action_name for e in following if isinstance(e, ActionExecuted)]
    return None


def next_recovery_action(actions_done: list[str], responses: list[str]) -> str | None:
    """The next of `responses` to send, then `action_listen`; None if the turn went elsewhere."""
    if actions_done != responses[: len(actions_done)]:
        return None
    if len(actions_done) < len(responses):
        return responses[len(actions_done)]
    return ACTION_LISTEN_NAME


def started_by_the_server(tracker: DialogueStateTracker) -> bool:
    """Whether the tracker holds a live session (not a story replayed by `rasa test`)."""
    return any(isinstance(event, SessionStarted) for event in tracker.events)


def custom_action_names(domain: Domain) -> set[str]:
    """The domain's custom (action server) actions."""
    return {name for name in domain.user_actions if not name.startswith(UTTER_PREFIX)}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class ActionFailurePolicy(Policy):
    """Answers with an apology and the handoff after a custom action failed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Every model holds this policy: a Rasa without the fixes (whose session start needs the
        # action server) must not serve it.
        require_installed(type(self).__name__)
        super().__init__(*args, **kwargs)

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            POLICY_PRIORITY: RULE_POLICY_PRIORITY + 1,
            RESPONSES_KEY: ["utter_answer_unavailable", "utter_handoff"],
        }

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        """Nothing to learn: the behaviour is fixed."""
        with self._model_storage.write_to(self._resource):
            pass
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """Full confidence for the next recovery step after a failed custom action, else zeros."""
        probabilities = self._default_predictions(domain)
        if not started_by_the_server(tracker):
            return self._prediction(probabilities)
        done = actions_after_failure(current_turn(tracker), custom_action_names(domain))
        if done is not None:
            action = next_recovery_action(done, self.config[RESPONSES_KEY])
            if action is not None:
                probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)
