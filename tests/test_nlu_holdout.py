"""NLU hold-out: the trained model must choose the right answer for messages it never saw.

The hold-out checks (`-m holdout`, `make test-holdout`) load `models/current.tar.gz` (or
RASA_TEST_MODEL) in-process once; the others check the hold-out set and the scoring itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest

from bench.nlu_eval import (
    HOLDOUT_PATH,
    LABEL_ACCURACY_TARGET,
    Example,
    Report,
    chosen_answer,
    evaluate_model,
    format_misclassified,
    load_examples,
    predict,
)
from tests.servers import MODEL, PROJECT_ROOT

ANSWER_ACCURACY_TARGET = 0.97
MIN_EXAMPLES_PER_LABEL = 6


def normalised(text: str) -> str:
    """Lower case, punctuation dropped, single spaces: how near-identical phrasings compare."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def test_every_label_has_enough_holdout_examples() -> None:
    counts = Counter(example.label for example in load_examples(HOLDOUT_PATH))
    thin = {label: n for label, n in counts.items() if n < MIN_EXAMPLES_PER_LABEL}
    assert not thin, f"labels with fewer than {MIN_EXAMPLES_PER_LABEL} hold-out examples: {thin}"


def test_holdout_messages_are_not_in_the_training_data() -> None:
    trained = {normalised(example.text) for example in load_examples(PROJECT_ROOT / "data")}
    leaked = [e.text for e in load_examples(HOLDOUT_PATH) if normalised(e.text) in trained]
    assert not leaked, f"hold-out messages also in data/ (replace them in the hold-out): {leaked}"


def selector(key: str) -> dict:
    return {"response": {"intent_response_key": key, "utter_action": f"utter_{key}"}}


@pytest.mark.parametrize(
    ("parse", "answer"),
    [
        ({"intent": {"name": "greet"}}, "greet"),
        (
            {
                "intent": {"name": "faq"},
                "response_selector": {
                    "all_retrieval_intents": ["faq", "advice"],
                    "faq": selector("faq/causes"),
                    "advice": selector("advice/dose"),
                },
            },
            "faq/causes",
        ),
        (
            {
                "intent": {"name": "advice"},
                "response_selector": {
                    "all_retrieval_intents": ["faq", "advice"],
                    "default": selector("advice/dose"),
                },
            },
            "advice/dose",
        ),
        (
            {
                "intent": {"name": "nlu_fallback"},
                "response_selector": {
                    "all_retrieval_intents": ["faq"],
                    "faq": selector("faq/causes"),
                },
            },
            "nlu_fallback",
        ),
    ],
)
def test_chosen_answer_is_the_intent_or_the_selected_response(parse: dict, answer: str) -> None:
    assert chosen_answer(parse) == answer


def test_selection_is_scored_apart_from_the_intent() -> None:
    parse = {
        "intent": {"name": "ask_side_effects"},
        "response_selector": {"all_retrieval_intents": ["faq"], "faq": selector("faq/causes")},
    }
    prediction = predict(parse, Example("why did i get this", "faq/causes"))
    report = Report([prediction])
    assert (report.answer_accuracy, report.intent_accuracy) == (0.0, 0.0)
    assert report.response_selection_accuracy == 1.0


@pytest.fixture(scope="module")
def holdout_report() -> Iterator[Report]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` (make test does it for you)")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(PROJECT_ROOT)  # config.yml's spaCy pipeline path is relative to the repo root
        yield Report(evaluate_model(MODEL, load_examples(HOLDOUT_PATH)))


@pytest.mark.holdout
def test_holdout_answer_accuracy(holdout_report: Report) -> None:
    assert holdout_report.answer_accuracy >= ANSWER_ACCURACY_TARGET, (
        f"answer accuracy {holdout_report.answer_accuracy:.1%} < {ANSWER_ACCURACY_TARGET:.0%}; "
        f"misclassified (expected -> chosen):\n"
        f"{format_misclassified(holdout_report.misclassified())}"
    )


@pytest.mark.holdout
def test_every_label_reaches_its_accuracy_target(holdout_report: Report) -> None:
    weak = holdout_report.weak_labels()
    mistakes = [p for p in holdout_report.misclassified() if p.example.label in weak]
    assert not weak, (
        f"labels below {LABEL_ACCURACY_TARGET:.0%}: "
        f"{ {label: f'{acc:.0%}' for label, acc in weak.items()} }\n"
        f"{format_misclassified(mistakes)}"
    )
