"""Saved linear pipelines load ready for fast one-message predictions, and retrain when the code
that fits them changes."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import joblib
import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from nlu.follow_up import FollowUpClassifier
from nlu.part_names import PartNameExtractor
from nlu.saved_pipeline import load_pipeline, source_fingerprint
from nlu.sub_option import SubOptionClassifier
from nlu.unknown_words_gate import UnknownWordsGate
from safety.red_flags import RedFlagDetector


def test_a_saved_pipeline_loads_column_major_and_predicts_the_same(tmp_path: Path) -> None:
    storage, resource = LocalModelStorage(tmp_path), Resource("model")
    texts = ["cant breathe", "what is botox", "throat closing", "how often", "bye", "see you"]
    labels = ["red", "faq", "red", "faq", "bye", "bye"]  # three labels: a (3 x n) matrix
    pipeline = make_pipeline(CountVectorizer(), LogisticRegression()).fit(texts, labels)
    assert not pipeline[-1].coef_.flags["F_CONTIGUOUS"]
    with storage.write_to(resource) as directory:
        joblib.dump(pipeline, directory / "model.joblib")
    loaded = load_pipeline(storage, resource, "model.joblib")
    assert loaded[-1].coef_.flags["F_CONTIGUOUS"]
    assert (loaded.predict_proba(texts) == pipeline.predict_proba(texts)).all()


def test_nothing_saved_loads_as_none(tmp_path: Path) -> None:
    assert load_pipeline(LocalModelStorage(tmp_path), Resource("never"), "model.joblib") is None


def test_a_change_to_a_modules_source_changes_its_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "features_under_test.py"
    module.write_text("def features(text):\n    return text.split()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("features_under_test")
    before = source_fingerprint("features_under_test")
    assert source_fingerprint("features_under_test") == before
    module.write_text("def features(text):\n    return text.lower().split()\n")
    assert source_fingerprint("features_under_test") != before
    monkeypatch.delitem(sys.modules, "features_under_test")


@pytest.mark.parametrize(
    "component",
    [FollowUpClassifier, SubOptionClassifier, PartNameExtractor, RedFlagDetector, UnknownWordsGate],
    ids=lambda component: component.__name__,
)
def test_every_fitted_component_retrains_when_its_own_code_changes(component: type) -> None:
    # Rasa's cache fingerprints config and inputs only: the code must be in the add-on
    assert source_fingerprint(component.__module__) in component.fingerprint_addon({})
