"""Evaluate a trained model on the NLU hold-out set: which answer would the bot choose?

Shared by `bench/accuracy.py` (side-by-side table) and `tests/holdout/test_nlu_holdout.py`
(thresholds).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from nlu.answer_labels import chosen_answer, selected_response_key
from settings import PROJECT_ROOT
from tests.support.agent import load_agent, parse_all

HOLDOUT_PATH = PROJECT_ROOT / "tests" / "data" / "nlu_holdout.yml"
LABEL_ACCURACY_TARGET = 0.90


@dataclass(frozen=True)
class Example:
    """One hold-out message and the answer it must get: `intent` or `intent/key`."""

    text: str
    label: str

    @property
    def intent(self) -> str:
        """The intent the classifier must predict (`faq` for `faq/causes`)."""
        return self.label.split("/", 1)[0]

    @property
    def is_retrieval(self) -> bool:
        return "/" in self.label


@dataclass(frozen=True)
class Prediction:
    """What the model made of one example."""

    example: Example
    intent: str
    answer: str
    selected_key: str | None

    @property
    def answer_correct(self) -> bool:
        return self.answer == self.example.label


def load_examples(path: Path = HOLDOUT_PATH) -> list[Example]:
    """The labelled messages of a Rasa NLU YAML file, or of every NLU file in a directory
    (entity annotations stripped)."""
    from rasa.shared.data import get_data_files, is_nlu_file
    from rasa.shared.nlu.training_data.loading import load_data

    return [
        Example(text=message.get("text"), label=message.get_full_intent())
        for file in sorted(get_data_files([str(path)], is_nlu_file))
        for message in load_data(file).intent_examples
    ]


def predict(parse: dict, example: Example) -> Prediction:
    """Compare one parse result with the label it should have."""
    return Prediction(
        example=example,
        intent=parse["intent"]["name"],
        answer=chosen_answer(parse),
        selected_key=selected_response_key(parse, example.intent) if example.is_retrieval else None,
    )


def evaluate_model(model_path: Path, examples: Sequence[Example]) -> list[Prediction]:
    """Load the model in-process and parse every example."""
    parses = parse_all(load_agent(model_path), [example.text for example in examples])
    return [predict(parse, example) for parse, example in zip(parses, examples, strict=True)]


@dataclass(frozen=True)
class Report:
    """Summary figures of one model on the hold-out set."""

    predictions: list[Prediction]

    @property
    def labels(self) -> list[str]:
        return sorted({p.example.label for p in self.predictions})

    @property
    def answer_accuracy(self) -> float:
        return _share(p.answer_correct for p in self.predictions)

    @property
    def intent_accuracy(self) -> float:
        return _share(p.intent == p.example.intent for p in self.predictions)

    @property
    def response_selection_accuracy(self) -> float:
        retrieval = [p for p in self.predictions if p.example.is_retrieval]
        return _share(p.selected_key == p.example.label for p in retrieval)

    @property
    def macro_f1(self) -> float:
        from sklearn.metrics import f1_score

        return float(
            f1_score(
                [p.example.label for p in self.predictions],
                [p.answer for p in self.predictions],
                labels=self.labels,
                average="macro",
                zero_division=0,
            )
        )

    def label_counts(self) -> dict[str, int]:
        """How many hold-out examples each label has."""
        return dict(sorted(Counter(p.example.label for p in self.predictions).items()))

    def label_accuracy(self) -> dict[str, float]:
        """Share of each label's examples that got their answer."""
        return {
            label: _share(p.answer_correct for p in self.predictions if p.example.label == label)
            for label in self.labels
        }

    def weak_labels(self, target: float = LABEL_ACCURACY_TARGET) -> dict[str, float]:
        return {label: acc for label, acc in self.label_accuracy().items() if acc < target}

    def misclassified(self) -> list[Prediction]:
        return [p for p in self.predictions if not p.answer_correct]

    def worst_confusions(self, count: int = 5) -> list[tuple[tuple[str, str], int]]:
        """The most frequent (expected, chosen) pairs among the mistakes."""
        pairs = Counter((p.example.label, p.answer) for p in self.misclassified())
        return pairs.most_common(count)


def format_misclassified(predictions: Sequence[Prediction]) -> str:
    """One line per mistake: expected label, chosen answer, the message."""
    return "\n".join(
        f"  {p.example.label:<32} -> {p.answer:<32} {p.example.text!r}" for p in predictions
    )


def _share(flags: Iterable[bool]) -> float:
    """The share of true flags (NaN for none)."""
    values = list(flags)
    return sum(values) / len(values) if values else float("nan")
