"""What the pipeline's FallbackClassifier and AnswerConfidenceGate make of the answer model's
probabilities, at given settings: the right answer, a wrong one, or "Did you mean" with or without
the right answer among its buttons. The other gates (unknown words, social replies) are not
simulated. Used by `bench/follow_ups_cv.py --gates` on its held-out predictions.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import product
from typing import Any

import yaml
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import RANKING_LENGTH

from actions.suggestions import (
    MAX_SUGGESTIONS,
    TOPIC_RESPONSE_PREFIX,
    candidate_labels,
    topic_label,
)
from nlu.answer_gate import AnswerConfidenceGate
from nlu.answer_labels import chosen_answer
from nlu.answer_outputs import set_answer_outputs
from nlu.follow_up import FollowUpClassifier
from settings import PROJECT_ROOT

Gates = tuple[float, float, float]  # fallback threshold, answer threshold, answer margin
OUTCOMES = ("right", "wrong", "asked, right offered", "asked, not offered")


@cache
def project_settings(component: type) -> dict[str, Any]:
    """A pipeline component's settings in config.yml, over its defaults (read once)."""
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    entry = next(e for e in pipeline if e["name"].split(".")[-1] == component.__name__)
    settings = {key: value for key, value in entry.items() if key != "name"}
    return {**component.get_default_config(), **settings}


def gate_grid(
    fallback: Sequence[float] | None,
    threshold: Sequence[float] | None,
    margin: Sequence[float] | None,
) -> list[Gates]:
    """The gate settings to try: the values given, config.yml's for the others."""
    answer_gate = project_settings(AnswerConfidenceGate)
    return list(
        product(
            fallback or [project_settings(FallbackClassifier)["threshold"]],
            threshold or [answer_gate["threshold"]],
            margin or [answer_gate["margin"]],
        )
    )


def gated_parses(answers: list[dict[str, float]], gates: Gates) -> list[dict[str, Any]]:
    """Each message's parse after the pipeline's own fallback and answer gates."""
    fallback, threshold, margin = gates
    fallback_config = {**project_settings(FallbackClassifier), "threshold": fallback}
    answer_gate = AnswerConfidenceGate({"threshold": threshold, "margin": margin})
    limit = project_settings(FollowUpClassifier)[RANKING_LENGTH]
    messages = []
    for probabilities in answers:
        message = Message(data={TEXT: ""})
        set_answer_outputs(message, probabilities, limit)
        messages.append(message)
    gated = answer_gate.process(FallbackClassifier(fallback_config).process(messages))
    return [message.as_dict(only_output_properties=False) for message in gated]


@cache
def topic_labels() -> frozenset[str]:
    """The answers a "Did you mean" button can offer (domain responses utter_topic_<label>)."""
    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"]
    prefix = TOPIC_RESPONSE_PREFIX
    return frozenset(key.removeprefix(prefix) for key in responses if key.startswith(prefix))


def outcome_shares(answers: list[dict[str, float]], labels: list[str], gates: Gates) -> list[float]:
    """The shares of OUTCOMES among the messages, at `gates`."""
    counts = dict.fromkeys(OUTCOMES, 0)
    topics = topic_labels()
    for parse, label in zip(gated_parses(answers, gates), labels, strict=True):
        answer = chosen_answer(parse)
        if answer != DEFAULT_NLU_FALLBACK_INTENT_NAME:
            counts["right" if answer == label else "wrong"] += 1
            continue
        offered = [t for t in candidate_labels(parse) if t in topics][:MAX_SUGGESTIONS]
        right_offered = topic_label(label) in offered
        counts["asked, right offered" if right_offered else "asked, not offered"] += 1
    return [count / len(labels) for count in counts.values()]


def print_gate_table(answers: list[dict[str, float]], labels: list[str], grid: list[Gates]) -> None:
    """One row per gate setting: what a patient gets, as shares of all the messages."""
    print(f"\n| fallback | answer threshold | margin | {' | '.join(OUTCOMES)} |")
    print("|---:|---:|---:|" + "---:|" * len(OUTCOMES))
    for gates in grid:
        cells = " | ".join(f"{share:.1%}" for share in outcome_shares(answers, labels, gates))
        print(f"| {gates[0]:g} | {gates[1]:g} | {gates[2]:g} | {cells} |")
