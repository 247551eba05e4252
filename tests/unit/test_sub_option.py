"""The SubOptionClassifier: the part of an answer a message asks about in words no lookup has."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.follow_up import FollowUp
from nlu.sub_option import SubOptionClassifier, predict_part, train_models

AFTERCARE = "ask_post_care"
AFTER_HEAT = "ask_post_care/heat"  # the aftercare answer's heat part, sent alone
# Every part in a few words no lookup table has, and questions about the aftercare as a whole
FOLLOW_UPS = [
    *[
        FollowUp(AFTERCARE, AFTERCARE, text, "ice")
        for text in ("the cold thing on the neck", "cold pack how long", "something cold on it")
    ],
    *[
        FollowUp(AFTERCARE, AFTERCARE, text, "diary")
        for text in ("writing things down each day", "a notebook of my days", "writing it down")
    ],
    *[
        FollowUp(AFTERCARE, AFTERCARE, text)
        for text in (
            "what should i do after",
            "anything else after the visit",
            "and after that",
            "what do people use instead",
            "anything i could do instead",
        )
    ],
    # Right after the heat alone, "instead" asks for the cold
    *[
        FollowUp(AFTER_HEAT, AFTERCARE, text, "ice")
        for text in ("what should i use instead", "so what instead then", "instead of that?")
    ],
]


@pytest.fixture(scope="module")
def models() -> dict:
    return train_models(FOLLOW_UPS, 10.0)


def test_a_part_in_other_words_is_found(models: dict) -> None:
    assert predict_part(models, AFTERCARE, AFTERCARE, "the cold thing, really?", 0.4) == "ice"
    assert predict_part(models, AFTERCARE, AFTERCARE, "writing down my days?", 0.4) == "diary"


def test_the_part_answered_before_is_read_too(models: dict) -> None:
    assert predict_part(models, AFTERCARE, AFTER_HEAT, "what do i use instead?", 0.4) == "ice"
    assert predict_part(models, AFTERCARE, AFTERCARE, "what do i use instead?", 0.4) is None


def test_a_question_about_the_whole_answer_keeps_the_overview(models: dict) -> None:
    assert (
        predict_part(models, AFTERCARE, AFTERCARE, "what should i do after the visit", 0.4) is None
    )


def test_an_unsure_model_adds_nothing(models: dict) -> None:
    assert predict_part(models, AFTERCARE, AFTERCARE, "the cold thing, really?", 1.01) is None


def test_answers_without_parts_or_without_examples_have_no_model(models: dict) -> None:
    assert set(models) == {AFTERCARE}
    assert predict_part(models, "ask_side_effects", AFTERCARE, "the cold thing", 0.0) is None


@pytest.fixture(scope="module")
def component(tmp_path_factory: pytest.TempPathFactory) -> SubOptionClassifier:
    folder = tmp_path_factory.mktemp("follow_ups")
    lines = [f"{f.previous}\t{f.label}\t{f.focus or '-'}\t{f.text}" for f in FOLLOW_UPS]
    (folder / "a.tsv").write_text("\n".join(lines) + "\n")
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    config = {"training_sets": str(folder), "threshold": 0.4}  # absolute: PROJECT_ROOT / it
    classifier = SubOptionClassifier(config, storage, Resource("sub_option"))
    classifier.train(TrainingData())
    return classifier


def processed(
    component: SubOptionClassifier,
    text: str,
    intent: str,
    entities: list[dict] | None = None,
    tracker: DialogueStateTracker | None = None,
) -> list:
    message = Message(data={TEXT: text, INTENT: {"name": intent}, ENTITIES: entities or []})
    return component.process([message], tracker)[0].get(ENTITIES)


def tracker_after_heat() -> DialogueStateTracker:
    """A conversation whose bot sent the heat alone in its last answer."""
    parse = {"text": "and heat?", "intent": {"name": AFTERCARE}, "entities": []}
    asked = UserUttered(parse["text"], parse["intent"], [], parse_data=parse)
    heat = BotUttered("Warmth can ease…", metadata={"utter_action": "utter_post_care_heat"})
    return DialogueStateTracker.from_events("someone", [asked, heat], domain=Domain.empty())


def test_the_part_answered_last_in_the_conversation_is_read(
    component: SubOptionClassifier,
) -> None:
    [entity] = processed(component, "what do i use instead?", AFTERCARE, None, tracker_after_heat())
    assert entity["value"] == "ice"
    assert processed(component, "what do i use instead?", AFTERCARE) == []


def test_the_part_is_added_as_the_entity_the_action_reads(component: SubOptionClassifier) -> None:
    [entity] = processed(component, "the cold thing, really?", AFTERCARE)
    assert (entity["entity"], entity["value"]) == ("care_step", "ice")
    assert entity["extractor"] == "SubOptionClassifier"


def test_a_part_the_lookups_found_is_kept(component: SubOptionClassifier) -> None:
    named = {"entity": "care_step", "value": "heat", "extractor": "PartNameExtractor"}
    assert processed(component, "the cold thing or heat?", AFTERCARE, [named]) == [named]


def test_other_answers_are_left_alone(component: SubOptionClassifier) -> None:
    assert processed(component, "the cold thing, really?", "faq/causes") == []


def test_the_saved_models_load_and_predict(component: SubOptionClassifier) -> None:
    loaded = SubOptionClassifier.load(
        component.component_config, component._model_storage, component._resource, None
    )
    [entity] = processed(loaded, "the cold thing, really?", AFTERCARE)
    assert entity["value"] == "ice"


def test_untrained_it_adds_nothing(tmp_path: Path) -> None:
    untrained = SubOptionClassifier({}, LocalModelStorage(tmp_path), Resource("none"))
    assert processed(untrained, "the cold thing, really?", AFTERCARE) == []
