"""Misspelt words mended to the training data's words, before the answer model reads them.

"my suplements", "the musle they inject": a word that is neither an English word (spaCy's
lookup lemma tables, from `spacy-lookups-data`) nor a word the training messages use at least
`min_count` times is replaced by a training word one edit away, if there is one: first one the
writer left a letter out of ("musle" -> "muscle"), then two letters swapped, one letter changed,
one letter too many; among those, the most frequent. A real word the training data happens not
to have ("dancer") is left alone, and so is a word with no such neighbour. The model's input
keeps its previous answer and punctuation; only the message's words change (lower-cased, as the
features read them).
"""

from __future__ import annotations

import gzip
import json
import re
import string
from collections import Counter
from collections.abc import Iterable
from importlib.resources import files

from sklearn.base import BaseEstimator, TransformerMixin

from nlu.model_input import WORD, input_parts, message_text, model_input

LETTERS = string.ascii_lowercase
LEMMA_TABLES = ("en_lemma_lookup", "en_lemma_index", "en_lemma_exc")


def lemma_table(name: str) -> object:
    """One of spaCy's English lemma tables (`spacy-lookups-data`), as its JSON holds it."""
    path = files("spacy_lookups_data") / "data" / f"{name}.json.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as data:
        return json.load(data)


def english_words() -> frozenset[str]:
    """Every word form in spaCy's English lemma tables (inflected forms and lemmas)."""
    words = {word for table in LEMMA_TABLES for word in strings_in(lemma_table(table))}
    return frozenset(word.lower() for word in words)


def strings_in(table: object) -> Iterable[str]:
    """The strings of a lemma table: keys and values of nested dicts and lists."""
    if isinstance(table, str):
        yield table
    elif isinstance(table, dict):
        for key, value in table.items():
            yield key
            yield from strings_in(value)
    elif isinstance(table, list):
        for item in table:
            yield from strings_in(item)


def edits_by_likelihood(word: str) -> list[set[str]]:
    """The strings one edit from `word`, most likely typo first: a letter left out of the
    intended word, two letters swapped, one changed, one added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return [
        {left + c + right for left, right in splits for c in LETTERS},
        {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1},
        {left + c + right[1:] for left, right in splits if right for c in LETTERS},
        {left + right[1:] for left, right in splits if right},
    ]


class SpellingMender(BaseEstimator, TransformerMixin):
    """Learns the words of the training messages; mends a message's other non-English words.

    `min_count`: how often a training word must occur to be mended to (a one-off typo is not a
    word); `min_length`: shorter words are left alone (too many neighbours to choose from)."""

    def __init__(self, min_count: int = 2, min_length: int = 3) -> None:
        self.min_count = min_count
        self.min_length = min_length

    def fit(self, documents: Iterable[str], labels: object = None) -> SpellingMender:
        """Counts the words of the messages (each distinct message once)."""
        counts: Counter[str] = Counter()
        for text in {message_text(document) for document in documents}:
            counts.update(WORD.findall(text))
        self.word_counts_ = {w: n for w, n in counts.items() if n >= self.min_count}
        self.english_ = english_words()
        return self

    def mend(self, word: str) -> str:
        """`word`, or the likeliest training word it is a typo of."""
        known = word in self.word_counts_ or word in self.english_
        if known or len(word) < self.min_length or not word.isalpha():
            return word
        for edits in edits_by_likelihood(word):
            neighbours = edits & self.word_counts_.keys()
            if neighbours:
                # ties broken alphabetically, so a model mends the same way on every machine
                return max(neighbours, key=lambda w: (self.word_counts_[w], w))
        return word

    def transform(self, documents: Iterable[str]) -> list[str]:
        """Each model input with its message's misspelt words mended."""
        mended: dict[str, str] = {}

        def mend_match(match: re.Match[str]) -> str:
            word = match.group()
            if word not in mended:
                mended[word] = self.mend(word)
            return mended[word]

        return [
            model_input(input_parts(document)[0], WORD.sub(mend_match, message_text(document)))
            for document in documents
        ]
