"""Saved linear pipelines load ready for fast one-message predictions."""

from __future__ import annotations

from pathlib import Path

import joblib
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from nlu.saved_pipeline import load_pipeline


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
