"""Components that learn a scikit-learn pipeline (or other fitted state, such as the part names),
save it with joblib and predict one message at a time (the red-flag model, the follow-up model);
and fast predictions from linear classifiers."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any, ClassVar

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from sklearn.pipeline import Pipeline


def column_major(classifier: Any) -> Any:
    """Stores the (labels x features) coefficients column-major, so the transposed view each
    prediction multiplies a sparse row by is contiguous; otherwise every prediction copies the
    whole matrix (about 9 ms of the follow-up model's 10 ms per message). Returns `classifier`."""
    if hasattr(classifier, "coef_"):
        classifier.coef_ = np.asfortranarray(classifier.coef_)
    return classifier


def source_fingerprint(*module_names: str) -> str:
    """A hash of each of these modules' source files. Rasa's training cache fingerprints a
    component's config and inputs, not its code: without this in `fingerprint_addon`, a changed
    feature or file format would reuse a model fitted, or saved, by the old code."""
    return "".join(
        hashlib.sha256(Path(str(sys.modules[name].__file__)).read_bytes()).hexdigest()
        for name in module_names
    )


def load_pipeline(model_storage: ModelStorage, resource: Resource, file_name: str) -> Any | None:
    """What a component saved with joblib, the classifier of each pipeline in it (one, or a dict
    of them) column-major; None if the component was never trained (no file)."""
    try:
        with model_storage.read_from(resource) as directory:
            saved = joblib.load(directory / file_name)
    except (ValueError, FileNotFoundError):
        return None
    for pipeline in saved.values() if isinstance(saved, dict) else [saved]:
        if isinstance(pipeline, Pipeline):
            column_major(pipeline[-1])
    return saved


class SavedPipelineComponent(GraphComponent):
    """Holds the config (defaults plus config.yml) and the trained pipeline, or None before
    training; `save` stores it in the component's resource, `load` reads it back."""

    model_file: ClassVar[str]
    # Modules besides the component's own whose code shapes what it fits or saves
    code_modules: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Any | None = None,
    ) -> None:
        self.component_config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SavedPipelineComponent:
        """Creates an untrained component (see GraphComponent)."""
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The code that fits and saves the model (`source_fingerprint`): a change to it retrains.
        A component that reads files from disk adds their hash to this."""
        return source_fingerprint(cls.__module__, *cls.code_modules)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SavedPipelineComponent:
        """Loads the trained pipeline (None if there is none; each component says what then)."""
        model = load_pipeline(model_storage, resource, cls.model_file)
        return cls(config, model_storage, resource, model)

    def save(self, model: Any) -> Resource:
        """Keeps `model` for predictions and stores it in the component's resource."""
        self._model = model
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(model, directory / self.model_file)
        return self._resource
