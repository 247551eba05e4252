"""Saved linear pipelines load ready for fast one-message predictions, and retrain when the code
that fits them changes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import joblib
import pytest
import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from nlu.saved_pipeline import load_pipeline, source_fingerprint
from settings import PROJECT_ROOT


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
    source = tmp_path / "features_under_test.py"
    source.write_text("def features(text):\n    return text.split()\n")
    spec = importlib.util.spec_from_file_location("features_under_test", source)
    monkeypatch.setitem(sys.modules, "features_under_test", importlib.util.module_from_spec(spec))
    before = source_fingerprint("features_under_test")
    assert source_fingerprint("features_under_test") == before
    source.write_text("def features(text):\n    return text.lower().split()\n")
    assert source_fingerprint("features_under_test") != before


def _trainable_project_components() -> list[type]:
    """The components of config.yml's NLU pipeline written here (not Rasa's) that train."""
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    registered = [DefaultV1Recipe._from_registry(entry["name"]) for entry in pipeline]
    return [
        component.clazz
        for component in registered
        if component.is_trainable and not component.clazz.__module__.startswith("rasa.")
    ]


def test_the_pipeline_has_the_fitted_components_this_test_is_about() -> None:
    names = {component.__name__ for component in _trainable_project_components()}
    assert names == {
        "FollowUpClassifier",
        "PartNameExtractor",
        "SubOptionClassifier",
        "UnknownWordsGate",
        "RedFlagDetector",
    }


@pytest.mark.parametrize(
    "component", _trainable_project_components(), ids=lambda component: component.__name__
)
def test_every_fitted_component_retrains_when_its_own_code_changes(component: type) -> None:
    # Rasa's cache fingerprints config and inputs only: the code must be in the add-on
    assert source_fingerprint(component.__module__) in component.fingerprint_addon({})
