"""NLU hold-out: the trained model must choose the right answer for messages it never saw.

The hold-out checks (`-m holdout`, `make test-holdout`) load `models/current.tar.gz` (or
RASA_TEST_MODEL) in-process once; the others check the hold-out set and the scoring itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from tests.support.nlu_eval import (
    HOLDOUT_PATH,
    Example,
    Prediction,
    Report,
    chosen_answer,
    evaluate_model,
    format_misclassified,
    load_examples,
    predict,
)
from tests.support.servers import MODEL, PROJECT_ROOT

# Floors for `make test`. Overall: the target itself (issue 13: the single-question hold-out stays
# at or above 97%; 98.3% on 2026-11-30). Per label: a regression floor (the target, every label
# >= 90%, is what bench/accuracy.py flags; see docs/benchmarks.md).
ANSWER_ACCURACY_FLOOR = 0.97
LABEL_ACCURACY_FLOOR = 0.70
MIN_EXAMPLES_PER_LABEL = 6


def test_every_label_has_enough_holdout_examples() -> None:
    counts = Counter(example.label for example in load_examples(HOLDOUT_PATH))
    thin = {label: n for label, n in counts.items() if n < MIN_EXAMPLES_PER_LABEL}
    assert not thin, f"labels with fewer than {MIN_EXAMPLES_PER_LABEL} hold-out examples: {thin}"


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
    assert holdout_report.answer_accuracy >= ANSWER_ACCURACY_FLOOR, (
        f"answer accuracy {holdout_report.answer_accuracy:.1%} < {ANSWER_ACCURACY_FLOOR:.0%}; "
        f"misclassified (expected -> chosen):\n"
        f"{format_misclassified(holdout_report.misclassified())}"
    )


@pytest.mark.holdout
def test_no_label_falls_below_its_floor(holdout_report: Report) -> None:
    weak = holdout_report.weak_labels(LABEL_ACCURACY_FLOOR)
    mistakes = [p for p in holdout_report.misclassified() if p.example.label in weak]
    assert not weak, (
        f"labels below {LABEL_ACCURACY_FLOOR:.0%}: "
        f"{ {label: f'{acc:.0%}' for label, acc in weak.items()} }\n"
        f"{format_misclassified(mistakes)}"
    )


# Replies that give no fact from the article: a decline, "did you mean", "I can't answer that here"
NO_FACT_ANSWERS = ("advice/", "nlu_fallback", "out_of_scope")


def answered_with_facts(predictions: list[Prediction]) -> list[Prediction]:
    """The predictions whose reply gives a fact from the article."""
    return [p for p in predictions if not p.answer.startswith(NO_FACT_ANSWERS)]


def answers_given(report: Report, labels: tuple[str, ...]) -> list[Prediction]:
    return [p for p in report.predictions if p.example.label.startswith(labels)]


@pytest.mark.holdout
def test_personal_advice_requests_are_never_answered_as_facts(holdout_report: Report) -> None:
    """Unseen requests for a personal decision get a decline (any kind), a "did you mean" or the
    out-of-scope reply ("I can't answer that here"): none says a fact, and each ends with the
    handoff to the clinic."""
    predictions = answers_given(holdout_report, ("advice/",))
    assert len(predictions) >= 40
    answered_as_fact = answered_with_facts(predictions)
    assert answered_as_fact == [], format_misclassified(answered_as_fact)


@pytest.mark.holdout
def test_out_of_scope_questions_get_no_article_answer(holdout_report: Report) -> None:
    """Unseen questions the article does not cover are not answered with an article fact."""
    predictions = answers_given(holdout_report, ("out_of_scope",))
    assert len(predictions) >= 6
    answered = answered_with_facts(predictions)
    assert len(answered) <= 0.1 * len(predictions), format_misclassified(answered)


@pytest.mark.holdout
def test_red_flags_in_the_holdout_are_all_escalated(holdout_report: Report) -> None:
    predictions = answers_given(holdout_report, ("emergency", "self_harm"))
    assert len(predictions) >= 12
    missed = [p for p in predictions if p.answer not in ("emergency", "self_harm")]
    assert missed == [], format_misclassified(missed)
