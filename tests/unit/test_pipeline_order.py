"""The red-flag detector's verdict is final: it is the last NLU component, so nothing after it can
change the intent it sets, and no policy changes intents."""

from __future__ import annotations

import yaml

from safety.red_flags import RedFlagDetector
from settings import PROJECT_ROOT

CONFIG = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())
DETECTOR = f"{RedFlagDetector.__module__}.{RedFlagDetector.__name__}"


def test_the_red_flag_detector_is_the_last_nlu_component() -> None:
    names = [component["name"] for component in CONFIG["pipeline"]]
    assert names.count(DETECTOR) == 1
    assert (
        names[-1] == DETECTOR
    ), f"after the red-flag detector: {names[names.index(DETECTOR) + 1 :]}"


def test_the_input_guard_runs_first() -> None:
    assert CONFIG["pipeline"][0]["name"] == "safety.input_guard.InputNormaliser"


def test_the_detector_settings_in_config_are_its_defaults() -> None:
    """The unit tests build the detector from its defaults; the model from config.yml. Both take
    the row bench/red_flags_cv.py chose, so a setting changed in one place only fails here."""
    (entry,) = [component for component in CONFIG["pipeline"] if component["name"] == DETECTOR]
    settings = {key: value for key, value in entry.items() if key != "name"}
    assert settings == RedFlagDetector.get_default_config()


def test_the_acknowledgement_gate_follows_the_fallback_classifier() -> None:
    """Before it, the FallbackClassifier would find the gate's "yes" and the answer it replaced
    too close to call (both near 1) and turn the message into "Did you mean"."""
    names = [component["name"] for component in CONFIG["pipeline"]]
    gate = names.index("nlu.acknowledgement_gate.AcknowledgementGate")
    assert gate > names.index("FallbackClassifier")
