"""Faster predictions from a fitted scikit-learn linear classifier, for one message at a time."""

from __future__ import annotations

from typing import Any

import joblib
import numpy as np
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


def column_major(classifier: Any) -> Any:
    """Stores the (labels x features) coefficients column-major, so the transposed view each
    prediction multiplies a sparse row by is contiguous; otherwise every prediction copies the
    whole matrix (about 9 ms of the follow-up model's 10 ms per message). Returns `classifier`."""
    if hasattr(classifier, "coef_"):
        classifier.coef_ = np.asfortranarray(classifier.coef_)
    return classifier


def load_pipeline(model_storage: ModelStorage, resource: Resource, file_name: str) -> Any | None:
    """A pipeline a component saved with joblib, its classifier column-major; None if the
    component was never trained (no file)."""
    try:
        with model_storage.read_from(resource) as directory:
            pipeline = joblib.load(directory / file_name)
    except (ValueError, FileNotFoundError):
        return None
    column_major(pipeline[-1])
    return pipeline
