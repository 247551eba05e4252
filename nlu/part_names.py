"""The parts of an answer a message names (a muscle, a side effect, a care step, an alternative),
found with the lookup tables of data/nlu/entities.yml the way patients write them.

Rasa's RegexEntityExtractor finds a lookup entry only as it is spelt. Patients misspell the
medical names ("levater scapula", "splenious capitus", "sternoclydomastoid", "trapezuis") and
write "the side of his neck" where the table says "the side of my neck". So here:
- a long word of an entry (seven letters or more) also matches a word a slip or two away with
  the same first letter: one edit for words of up to nine letters, two for longer ones (a letter
  left out, added, changed, or two swapped), or a longer word it begins
  ("sternocleidomastoideus");
- an entry's "the", "my", "his", "her" and the like match one another, or nothing ("back of
  neck").
An English word a slip away from an entry's word is matched only as written, so "ruining" never
reads as "running", unless the entry's word is a base form and the English word one of its forms
("exercises" for "exercise"; "appointments" stands for itself). The value of a match is the entry
as the table writes it; the EntitySynonymMapper then maps it to its part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.saved_pipeline import SavedPipelineComponent
from nlu.spelling import english_words, lemma_table

WORD = re.compile(r"[a-z0-9]+")
DETERMINERS = frozenset("the my his her your their our its a".split())
MIN_NAME = 7  # shorter words ("traps", "scm") are matched only as written
LONG_NAME = 10  # from this length a name may be two slips away
MIN_PREFIX = 8  # a longer word that begins with a name this long is that name


def words(text: str) -> list[re.Match[str]]:
    """The words of `text`, lower-cased, with their places."""
    return list(WORD.finditer(text.lower()))


def slips(word: str, name: str, most: int) -> int:
    """The edits (insert, delete, change, swap two neighbours) between `word` and `name`, or
    `most` + 1 if there are more than `most`."""
    if abs(len(word) - len(name)) > most:
        return most + 1
    previous2: list[int] = []
    previous = list(range(len(name) + 1))
    for i, a in enumerate(word, 1):
        current = [i]
        for j, b in enumerate(name, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == name[j - 2] and word[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > most:
            return most + 1
        previous2, previous = previous, current
    return previous[-1]


def is_written_for(word: str, name: str) -> bool:
    """Whether `word` is the long word `name`, misspelt or with an ending."""
    if len(name) >= MIN_PREFIX and word.startswith(name):
        return True
    most = 2 if len(name) >= LONG_NAME else 1
    return slips(word, name, most) <= most


def variants(entry: list[str]) -> set[tuple[str, ...]]:
    """An entry's words as written, and without its determiners if it has others."""
    bare = tuple(word for word in entry if word not in DETERMINERS)
    return {tuple(entry), bare} if bare else {tuple(entry)}


@dataclass(frozen=True)
class Entry:
    """One lookup entry: its entity, its text as written in the table, and its words."""

    entity: str
    text: str
    words: tuple[str, ...]


class PartNames:
    """The lookup tables' entries; their long words (`names`) also match slips of them, except
    the English words in `blocked`."""

    def __init__(self, tables: Mapping[str, Iterable[str]], blocked: Iterable[str] = ()) -> None:
        self.tables = {entity: sorted(set(entries)) for entity, entries in tables.items()}
        self.blocked = frozenset(blocked)
        entries = {
            Entry(entity, text, variant)
            for entity, texts in self.tables.items()
            for text in texts
            for variant in variants(WORD.findall(text.lower()))
        }
        # longest first, so "levator scapulae" wins over "levator" where both match
        self._entries = sorted(entries, key=lambda e: (-len(e.words), e.entity, e.text, e.words))
        self._by_first: dict[str, list[int]] = defaultdict(list)
        for rank, entry in enumerate(self._entries):
            self._by_first[entry.words[0]].append(rank)
        self.names = frozenset(
            word
            for e in self._entries
            for word in e.words
            if len(word) >= MIN_NAME and word.isalpha()
        )
        self._names_by_letter: dict[str, list[str]] = defaultdict(list)
        for name in sorted(self.names):
            self._names_by_letter[name[0]].append(name)

    @classmethod
    def from_tables(cls, tables: Mapping[str, Iterable[str]]) -> PartNames:
        """The entries of `tables`, with the English words a slip away from one of their names
        blocked, but for the forms of a name that is a base form ("exercises" for "exercise";
        "appointment" is no form of "appointments")."""
        plain = cls(tables)
        lemmas: dict[str, str] = lemma_table("en_lemma_lookup")  # type: ignore[assignment]
        blocked = {
            word
            for word in english_words()
            if any(
                is_written_for(word, name) and lemmas.get(word, word) != name
                for name in plain._names_by_letter.get(word[:1], ())
            )
        }
        return cls(plain.tables, blocked)

    def _matches(self, written: str, word: str, cache: dict[tuple[str, str], bool]) -> bool:
        if written == word or (written in DETERMINERS and word in DETERMINERS):
            return True
        if word not in self.names or written in self.blocked or written[:1] != word[:1]:
            return False
        if (written, word) not in cache:
            cache[written, word] = written.isalpha() and is_written_for(written, word)
        return cache[written, word]

    def _starting_with(self, written: str, cache: dict[tuple[str, str], bool]) -> set[int]:
        """The ranks of the entries whose first word `written` matches."""
        firsts = {written} | (DETERMINERS if written in DETERMINERS else set())
        firsts |= {
            name
            for name in self._names_by_letter.get(written[:1], ())
            if self._matches(written, name, cache)
        }
        return {rank for first in firsts for rank in self._by_first.get(first, ())}

    def _matches_at(
        self, entry: Entry, found: list[str], start: int, cache: dict[tuple[str, str], bool]
    ) -> bool:
        """Whether the words from `start` on match all of `entry`'s words."""
        written = found[start : start + len(entry.words)]
        return len(written) == len(entry.words) and all(
            self._matches(seen, word, cache)
            for seen, word in zip(written, entry.words, strict=True)
        )

    def find(self, text: str) -> list[dict[str, Any]]:
        """The entries `text` names, as entities (`entity`, `value`, `start`, `end`), in the order
        they are written; where two overlap, the one of more words (then the first entry)."""
        spans = words(text)
        found = [match.group() for match in spans]
        cache: dict[tuple[str, str], bool] = {}
        matches = sorted(
            (rank, start)
            for start, written in enumerate(found)
            for rank in self._starting_with(written, cache)
            if self._matches_at(self._entries[rank], found, start, cache)
        )
        taken = [False] * len(found)
        entities = []
        for rank, start in matches:
            span = range(start, start + len(self._entries[rank].words))
            if any(taken[i] for i in span):
                continue
            for i in span:
                taken[i] = True
            entities.append(
                {
                    "entity": self._entries[rank].entity,
                    "value": self._entries[rank].text,
                    "start": spans[span[0]].start(),
                    "end": spans[span[-1]].end(),
                }
            )
        return sorted(entities, key=lambda e: e["start"])


def lookup_tables(training_data: TrainingData) -> dict[str, list[str]]:
    """The lookup tables of the NLU data: entity -> entries."""
    return {table["name"]: list(table["elements"]) for table in training_data.lookup_tables}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class PartNameExtractor(SavedPipelineComponent, EntityExtractorMixin):
    """Adds the lookup tables' entries a message names (misspelt names included) as entities;
    place the EntitySynonymMapper after it. Untrained, it finds nothing."""

    model_file = "part_names.joblib"
    code_modules = ("nlu.spelling",)  # the English words its names must not match

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No settings: the lookup tables come with the training data."""
        return {}

    def train(self, training_data: TrainingData) -> Resource:
        """Keeps the lookup tables and the English words their names must not match."""
        return self.save(PartNames.from_tables(lookup_tables(training_data)))

    def process(self, messages: list[Message]) -> list[Message]:
        """Adds the entries each message names to its entities."""
        if self._model is None:
            return messages
        for message in messages:
            found = self._model.find(str(message.get(TEXT) or ""))
            if found:
                entities = message.get(ENTITIES) or []
                message.set(ENTITIES, [*entities, *self.add_extractor_name(found)], True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data: it passes through unchanged."""
        return training_data
