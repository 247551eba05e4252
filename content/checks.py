"""Checks a clinician can rely on: every answer traced, faithful to its passage, in plain words.

- provenance: each article-based sentence is covered by references that resolve against the
  article (hash included); every other sentence is labelled with a kind and a reason.
- faithfulness: an article-based sentence names no number, time span, drug, procedure, body part
  or person that its passage does not; claims no certainty its passage does not; keeps a hedge
  when the passage sentence it matches hedges; and most of its meaning words are in the passage.
- readability: US grade 8 or below (Flesch–Kincaid), no sentence over 25 words.
- plain language: each technical term is explained where an answer first uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.answers import ADDITION_KINDS, ARTICLE, Answer, split_sentences
from content.article import Article, ReferenceError, Sentence
from content.language import (
    contains_phrase,
    content_lemmas,
    lemmas,
    reading_grade,
    surface_words,
    vocabulary,
    word_count,
)

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25
# Share of an article-based sentence's meaning words that its passage must contain. Set between
# the lowest share of the reviewed answers and the highest share of sentences taken from other
# sections of the article (tests/unit/test_content_checks.py shows both sides).
SUPPORT_THRESHOLD = 0.6
# A term may be explained in the sentence that first uses it or in one of this many after it.
EXPLANATION_WINDOW = 4
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Problem:
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.message}"


def referenced_sentences(answer: Answer, article: Article) -> list[Sentence]:
    """The article sentences the answer references; unresolvable references are skipped here."""
    found = []
    for ref in answer.source_refs:
        shas = ref.get("sha") or []
        for i, number in enumerate(ref.get("sentences") or []):
            try:
                found.append(
                    article.sentence(
                        ref.get("section", ""), number, shas[i] if i < len(shas) else None
                    )
                )
            except ReferenceError:
                continue
    return found


def provenance_problems(answer: Answer, article: Article) -> list[Problem]:
    problems = []
    meta = answer.metadata
    if meta.get("source"):
        if meta["source"] not in ADDITION_KINDS:
            problems.append(Problem("provenance", f"unknown source kind {meta['source']!r}"))
        if not meta.get("reason"):
            problems.append(Problem("provenance", "a response not from the article needs a reason"))
        if answer.source_refs:
            problems.append(
                Problem("provenance", "source_refs on a response marked not from the article")
            )
        return problems
    sentences = split_sentences(answer.filled_text)
    for addition in meta.get("additions") or []:
        number = addition.get("sentence")
        if not isinstance(number, int) or not 1 <= number <= len(sentences):
            problems.append(
                Problem(
                    "provenance", f"addition names sentence {number}, text has {len(sentences)}"
                )
            )
        if addition.get("source") not in ADDITION_KINDS:
            problems.append(
                Problem("provenance", f"addition of unknown kind {addition.get('source')!r}")
            )
        if not addition.get("reason"):
            problems.append(Problem("provenance", f"addition {number} has no reason"))
    if answer.article_parts() and not answer.source_refs:
        problems.append(Problem("provenance", "article-based sentences without source_refs"))
    for ref in answer.source_refs:
        numbers, shas = ref.get("sentences") or [], ref.get("sha") or []
        if not numbers or len(shas) != len(numbers):
            problems.append(
                Problem("provenance", f"reference {ref} needs sentences and one sha each")
            )
            continue
        for number, sha in zip(numbers, shas, strict=False):
            try:
                article.sentence(ref.get("section", ""), number, sha)
            except ReferenceError as error:
                problems.append(Problem("provenance", str(error)))
    return problems


def _key_terms() -> list[str]:
    return [term for group in vocabulary()["key_terms"].values() for term in group]


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def sentence_problems(sentence: str, passage: list[Sentence]) -> list[Problem]:
    """Faithfulness of one article-based sentence to the article sentences it rests on."""
    if not passage:
        return [Problem("faithfulness", f"no resolvable passage for: {sentence!r}")]
    vocab = vocabulary()
    passage_text = " ".join(s.text for s in passage)
    said, source = lemmas(sentence), lemmas(passage_text)
    problems = [
        Problem("faithfulness", f"{term!r} is not in the passage: {sentence!r}")
        for term in _key_terms()
        if contains_phrase(said, term) and not contains_phrase(source, term)
    ]
    problems += [
        Problem("faithfulness", f"the number {n} is not in the passage: {sentence!r}")
        for n in sorted(set(_NUMBER.findall(sentence)) - set(_NUMBER.findall(passage_text)))
    ]
    said_words, source_words = surface_words(sentence), surface_words(passage_text)
    problems += [
        Problem("faithfulness", f"{word!r} claims more than the passage: {sentence!r}")
        for word in vocab["certainty"]
        if word in said_words and word not in source_words
    ]
    meaning = content_lemmas(sentence)
    best = max(passage, key=lambda s: _overlap(meaning, content_lemmas(s.text)))
    hedges = vocab["hedges"]
    if any(contains_phrase(lemmas(best.text), h) for h in hedges) and not any(
        contains_phrase(said, h) for h in hedges + vocab["hedges_also"]
    ):
        problems.append(Problem("faithfulness", f"lost the passage's hedge: {sentence!r}"))
    support = support_share(sentence, passage)
    if support < SUPPORT_THRESHOLD:
        problems.append(
            Problem(
                "faithfulness", f"only {support:.0%} of its words are in the passage: {sentence!r}"
            )
        )
    return problems


def support_share(sentence: str, passage: list[Sentence]) -> float:
    """Share of the sentence's meaning lemmas found in the passage (1.0 when it has none)."""
    meaning = content_lemmas(sentence)
    if not meaning:
        return 1.0
    source = set().union(*(content_lemmas(s.text) for s in passage)) if passage else set()
    return len(meaning & source) / len(meaning)


def faithfulness_problems(answer: Answer, article: Article) -> list[Problem]:
    passage = referenced_sentences(answer, article)
    return [p for part in answer.article_parts() for p in sentence_problems(part.text, passage)]


def readability_problems(answer: Answer) -> list[Problem]:
    text = answer.filled_text
    problems = []
    grade = reading_grade(text)
    if grade > MAX_GRADE:
        problems.append(Problem("readability", f"grade {grade:.1f} (at most {MAX_GRADE:g})"))
    for sentence in split_sentences(text):
        if word_count(sentence) > MAX_SENTENCE_WORDS:
            problems.append(Problem("readability", f"{word_count(sentence)} words: {sentence!r}"))
    return problems


def plain_language_problems(answer: Answer) -> list[Problem]:
    sentences = [lemmas(s) for s in split_sentences(answer.filled_text)]
    problems = []
    for term, explanations in vocabulary()["glossary"].items():
        first = next((i for i, s in enumerate(sentences) if contains_phrase(s, term)), None)
        if first is None:
            continue
        nearby = sentences[first : first + 1 + EXPLANATION_WINDOW]
        if not any(contains_phrase(s, e) for s in nearby for e in explanations):
            problems.append(
                Problem("plain_language", f"{term!r} is not explained where first used")
            )
    return problems


def all_problems(answer: Answer, article: Article) -> list[Problem]:
    return (
        provenance_problems(answer, article)
        + faithfulness_problems(answer, article)
        + readability_problems(answer)
        + plain_language_problems(answer)
    )


def is_article_based(answer: Answer) -> bool:
    return any(part.source == ARTICLE for part in answer.parts())
