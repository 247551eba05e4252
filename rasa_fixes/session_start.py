"""A conversation starts inside the Rasa server, never through the action server.

Rasa 3.6 runs `action_session_start` on the action server when the domain lists it. When that
server is down, slow or broken, the action's events are lost: no `SessionStarted`, no
`action_listen`, so no rule matches the first message and even an emergency got the fallback
reply. Here Rasa's own session start (new session, slots carried over) runs in the Rasa process
and adds what this bot needs at every session start:

- the clinic's contact details as slots, read from `.env` by `settings` (the responses
  that name the clinic or the emergency number fill them in);
- whether answers offer feedback buttons (`FEEDBACK_BUTTONS`), as the `feedback_buttons` slot
  that picks the handoff variation with the buttons;
- the disclaimer, a domain response.

Rasa's wait for a custom action is also shortened: five minutes by default, `ACTION_TIMEOUT_SECONDS`
(default 10) here, after which the action-failure policy apologises and hands off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rasa.core.actions.action as rasa_actions
from rasa.core.actions.action import ActionSessionStart, create_bot_utterance
from rasa.shared.core.events import Event, SlotSet

from settings import get_settings, load_action_timeout, load_feedback_buttons

if TYPE_CHECKING:
    from rasa.core.channels.channel import OutputChannel
    from rasa.core.nlg import NaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

DISCLAIMER_RESPONSE = "utter_disclaimer"
FEEDBACK_SLOT = "feedback_buttons"
RASA_SESSION_START = ActionSessionStart.run


async def start_session(
    self: ActionSessionStart,
    output_channel: OutputChannel,
    nlg: NaturalLanguageGenerator,
    tracker: DialogueStateTracker,
    domain: Domain,
) -> list[Event]:
    """Rasa's session start, then the clinic slots and the disclaimer, before `action_listen`."""
    *started, listen = await RASA_SESSION_START(self, output_channel, nlg, tracker, domain)
    clinic = [SlotSet(name, value) for name, value in get_settings().template_values().items()]
    clinic.append(SlotSet(FEEDBACK_SLOT, load_feedback_buttons()))
    disclaimer = await nlg.generate(DISCLAIMER_RESPONSE, tracker, output_channel.name())
    said = []
    if disclaimer is not None:
        said.append(create_bot_utterance({**disclaimer, "utter_action": DISCLAIMER_RESPONSE}))
    return [*started, *clinic, *said, listen]


# What install() replaces: (owner, attribute), checked by rasa_fixes before anything is replaced
REPLACED = ((ActionSessionStart, "run"), (rasa_actions, "DEFAULT_REQUEST_TIMEOUT"))


def install() -> None:
    """Make Rasa start sessions as above and wait `ACTION_TIMEOUT_SECONDS` for custom actions."""
    ActionSessionStart.run = start_session
    rasa_actions.DEFAULT_REQUEST_TIMEOUT = load_action_timeout()
