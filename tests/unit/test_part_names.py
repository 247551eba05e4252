"""The PartNameExtractor: the lookup tables' names as patients write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.part_names import PartNameExtractor, PartNames

TABLES = {
    "muscle": [
        "sternocleidomastoid",
        "levator scapulae",
        "levator",
        "trapezius",
        "traps",
        "side of my neck",
    ],
    "care_step": ["running", "exercise", "appointments"],
}


@pytest.fixture(scope="module")
def names() -> PartNames:
    return PartNames.from_tables(TABLES)


def values(names: PartNames, text: str) -> list[str]:
    return [entity["value"] for entity in names.find(text)]


def test_names_as_written_are_found_with_their_places(names: PartNames) -> None:
    [entity] = names.find("Is the Trapezius one of them?")
    assert entity == {"entity": "muscle", "value": "trapezius", "start": 7, "end": 16}


def test_a_long_name_one_slip_away_is_found(names: PartNames) -> None:
    assert values(names, "levater, where is it") == ["levator"]
    assert values(names, "and trapezuis?") == ["trapezius"]  # two letters swapped


def test_a_name_of_ten_letters_or_more_may_be_two_slips_away(names: PartNames) -> None:
    assert values(names, "sternoclydomastoid?? how do u say that") == ["sternocleidomastoid"]
    assert values(names, "levatr scapulee") == ["levator scapulae"]
    assert values(names, "levetr") == []  # seven letters: one slip only


def test_a_longer_word_a_long_name_begins_is_that_name(names: PartNames) -> None:
    assert values(names, "Sternocleidomastoideus, where they inject it?") == ["sternocleidomastoid"]


def test_english_words_a_slip_away_are_not_names(names: PartNames) -> None:
    # same first letter and one slip away: only the English word list keeps them apart
    assert values(PartNames(TABLES), "this is ruining my week") == ["running"]
    assert values(names, "this is ruining my week") == []
    assert values(names, "a trapezium shape") == []  # not "trapezius"


def test_forms_of_a_base_form_are_found_but_an_inflected_entry_stands_for_itself(
    names: PartNames,
) -> None:
    assert values(names, "are exercises ok after?") == ["exercise"]
    assert values(names, "after my appointment can i run") == []
    assert values(names, "my appointments") == ["appointments"]


def test_short_names_and_first_letters_are_matched_only_as_written(names: PartNames) -> None:
    assert values(names, "trapz") == []
    assert values(names, "drapezius") == []  # a slip in the first letter


def test_determiners_match_one_another_or_nothing(names: PartNames) -> None:
    assert values(names, "the side of his neck") == ["side of my neck"]
    assert values(names, "side of neck") == ["side of my neck"]


def test_the_longer_of_two_overlapping_entries_wins(names: PartNames) -> None:
    assert values(names, "levator scapulae and the traps") == ["levator scapulae", "traps"]


def processed(extractor: PartNameExtractor, text: str) -> list[dict]:
    return extractor.process([Message(data={TEXT: text})])[0].get(ENTITIES) or []


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> PartNameExtractor:
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    component = PartNameExtractor({}, storage, Resource("part_names"))
    tables = [{"name": name, "elements": entries} for name, entries in TABLES.items()]
    component.train(TrainingData(lookup_tables=tables))
    return component


def test_the_extractor_adds_the_names_as_entities(extractor: PartNameExtractor) -> None:
    [entity] = processed(extractor, "levater?")
    assert (entity["entity"], entity["value"]) == ("muscle", "levator")
    assert entity["extractor"] == "PartNameExtractor"


def test_the_saved_extractor_loads_and_finds_the_same(extractor: PartNameExtractor) -> None:
    loaded = PartNameExtractor.load({}, extractor._model_storage, extractor._resource, None)
    assert processed(loaded, "levater? my head keeps turning") == processed(
        extractor, "levater? my head keeps turning"
    )
    assert processed(loaded, "my head keeps turning") == []


def test_untrained_it_finds_nothing(tmp_path: Path) -> None:
    untrained = PartNameExtractor({}, LocalModelStorage(tmp_path), Resource("none"))
    assert processed(untrained, "trapezius") == []
