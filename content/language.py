"""Words as the checks compare them: lookup lemmas, plain-word synonyms, reading grade."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import spacy
import textstat
import yaml
from spacy.language import Language

from settings import PROJECT_ROOT

SPACY_PIPELINE = PROJECT_ROOT / ".spacy" / "en_lookup"
VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """content/vocabulary.yml: key terms, certainty words, hedges, synonyms, glossary."""
    return yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _nlp() -> Language:
    return spacy.load(SPACY_PIPELINE)


@lru_cache(maxsize=4096)
def lemmas(text: str) -> tuple[str, ...]:
    """Lower-case lemmas of the words of `text`, plain-word synonyms mapped to the article's."""
    synonyms = vocabulary()["synonyms"]
    found = []
    for token in _nlp()(text.lower().replace("’", "'")):
        if not _WORD.fullmatch(token.text):
            continue
        lemma = token.text if token.text.isdigit() else (token.lemma_ or token.text).lower()
        found.append(synonyms.get(lemma, lemma))
    return tuple(found)


def surface_words(text: str) -> set[str]:
    """The lower-case words as written, plain-word synonyms mapped to the article's word."""
    synonyms = vocabulary()["synonyms"]
    return {synonyms.get(w, w) for w in (m.lower() for m in _WORD.findall(text))}


def content_lemmas(text: str) -> set[str]:
    """The lemmas that carry meaning: not stop words, not the bot's own filler words."""
    ignored = set(vocabulary()["not_content"])
    return {
        lemma
        for lemma in lemmas(text)
        if lemma not in ignored and not _nlp().vocab[lemma].is_stop and len(lemma) > 1
    }


def contains_phrase(text_lemmas: tuple[str, ...], phrase: str) -> bool:
    """Whether the lemmas of `phrase` occur, in order and adjacent, in `text_lemmas`."""
    wanted = lemmas(phrase)
    n = len(wanted)
    return n > 0 and any(text_lemmas[i : i + n] == wanted for i in range(len(text_lemmas) - n + 1))


def word_count(sentence: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", sentence))


def reading_grade(text: str) -> float:
    """US school grade by the Flesch–Kincaid formula (textstat)."""
    return float(textstat.flesch_kincaid_grade(text))
