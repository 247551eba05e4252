"""The training data and responses keep their promises: enough examples per topic, every answer
traceable to the article, and the hold-out set kept apart from the training data."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from nlu.follow_up import read_follow_ups
from settings import PROJECT_ROOT
from tests.support.near_copies import near_copies

DATA = PROJECT_ROOT / "data"
HOLDOUT = PROJECT_ROOT / "tests" / "data" / "nlu_holdout.yml"
CONVERSATIONS = PROJECT_ROOT / "tests" / "data" / "conversations_holdout.yml"
REALISTIC = DATA / "nlu" / "realistic.yml"  # written after the conversation hold-out was frozen
MIN_EXAMPLES_PER_TOPIC = 20
# Intents only the input guard sets (no training examples).
# Intents set by a component or sent by a button, not typed: the hold-out need not cover them
COMPONENT_INTENTS = {
    "message_too_long",
    "empty_message",
    "feedback_helpful",
    "feedback_not_helpful",
}
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def examples_by_label(path: Path) -> dict[str, list[str]]:
    """Intent (or retrieval intent/key) → example texts, annotations removed."""
    labels: dict[str, list[str]] = {}
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
        if "intent" in item:
            lines = item["examples"].splitlines()
            texts = [ANNOTATION.sub(r"\1", line.strip()[2:]) for line in lines if line.strip()]
            labels.setdefault(item["intent"], []).extend(texts)
    return labels


def training_examples() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for path in sorted((DATA / "nlu").glob("*.yml")):
        for label, texts in examples_by_label(path).items():
            merged.setdefault(label, []).extend(texts)
    return merged


def responses() -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {}
    for path in [PROJECT_ROOT / "domain.yml", *sorted((DATA / "responses").glob("*.yml"))]:
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return merged


def test_every_topic_has_enough_examples() -> None:
    counts = {label: len(texts) for label, texts in training_examples().items()}
    thin = {
        label: n
        for label, n in counts.items()
        if n < MIN_EXAMPLES_PER_TOPIC
        and not label.startswith("advice/")
        and label not in COMPONENT_INTENTS  # typed rarely: the buttons send these
    }
    assert thin == {}
    assert all(n >= 14 for label, n in counts.items() if label.startswith("advice/"))


def test_no_example_is_labelled_twice() -> None:
    seen = Counter(text.lower() for texts in training_examples().values() for text in set(texts))
    assert [text for text, n in seen.items() if n > 1] == []


def test_every_retrieval_answer_has_examples_a_response_and_a_provenance() -> None:
    labels = {label for label in training_examples() if "/" in label}
    answers = {name.removeprefix("utter_") for name in responses() if "/" in name}
    assert labels == answers
    for name, variations in responses().items():
        if "/" in name:
            metadata = variations[0]["metadata"]
            assert metadata.get("source_refs") or metadata.get("source"), name


def test_holdout_covers_every_topic_and_is_not_trained_on() -> None:
    """No hold-out message (4+ words) is a near copy (Jaccard >= 0.8) of a training example."""
    holdout = examples_by_label(HOLDOUT)
    trained = training_examples()
    assert set(trained) - COMPONENT_INTENTS <= set(holdout)
    assert all(len(texts) >= 6 for texts in holdout.values())
    trained = [text for texts in training_examples().values() for text in texts]
    assert near_copies((text for texts in holdout.values() for text in texts), trained) == []


def test_no_conversation_hold_out_message_is_in_the_data_written_after_it() -> None:
    """The same for the conversation hold-out, against the data written after it was frozen: the
    follow-ups and the realistic messages. (Sixteen older examples, written before it, match
    tidy hold-out questions such as "what is cervical dystonia?"; several are the texts the
    bot's own buttons send, so they stay.)"""
    conversations = yaml.safe_load(CONVERSATIONS.read_text(encoding="utf-8"))["conversations"]
    messages = [turn["user"] for conversation in conversations for turn in conversation["turns"]]
    written_after = [text for texts in examples_by_label(REALISTIC).values() for text in texts]
    written_after += [f.text for f in read_follow_ups(DATA / "follow_ups")]
    assert near_copies(messages, written_after) == []


def known_texts(labels: set[str] | None = None) -> set[str]:
    return {
        text.lower().rstrip("?")
        for label, texts in training_examples().items()
        if labels is None or label in labels
        for text in texts
    }


def test_every_button_payload_is_a_training_example() -> None:
    """Buttons send their payload as the user's message: it must be a phrasing NLU was taught."""
    payloads = {
        button["payload"]
        for variations in responses().values()
        for variation in variations
        for button in variation.get("buttons") or []
        if not button["payload"].startswith("/")
    }
    assert len(payloads) > 10
    known = known_texts()
    assert sorted(p for p in payloads if p.lower().rstrip("?") not in known) == []


@pytest.mark.parametrize("name", sorted(n for n in responses() if n.startswith("utter_topic_")))
def test_topic_questions_are_examples_of_their_topic(name: str) -> None:
    """'Did you mean' buttons send these questions back: each must be taught as its topic."""
    question = responses()[name][0]["text"].lower().rstrip("?")
    label = name.removeprefix("utter_topic_")
    assert question in known_texts({label, label.replace("faq_", "faq/", 1)})
