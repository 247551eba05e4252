"""Rasa's LogisticRegressionClassifier with its regularisation strength exposed as `C`."""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class RegularisedLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Same classifier; `C` (inverse regularisation strength) is configurable, not fixed at 1."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0}

    def __init__(
        self, config: dict[str, Any], name: str, model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=float(self.config["C"]))
