"""The source article as numbered sentences, so answers can point at the sentences they rest on.

The article is the clinic's document and stays outside the repository (`settings.article_path()`,
`ARTICLE_PATH`). It is read as the file is written: a heading is a line with no closing
punctuation; a paragraph that opens with a short label and a colon ("Preparation: ...") starts a
section of that name; in the FAQ each question starts its own section ("FAQ: <question>"). Table
rows are one sentence each. Sentences are numbered from 1 within their section, and each has a
short hash, so an answer's reference notices when the article changes under it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from settings import article_path

FAQ_HEADING = "FAQ"
_LABELLED_PARAGRAPH = re.compile(r"^([A-Z][A-Za-z-]*(?: [A-Za-z-]+){0,3}): (?=[A-Z])")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"“(])")
_TABLE_RULE = re.compile(r"^[-|\s]*$")


def sentence_hash(sentence: str) -> str:
    """Eight hex digits of the sentence's SHA-256, whitespace-normalised."""
    return hashlib.sha256(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Sentence:
    section: str
    number: int
    text: str

    @property
    def sha(self) -> str:
        return sentence_hash(self.text)


class ReferenceError(ValueError):
    """A reference to a section or sentence the article does not have, or whose text changed."""


class Article:
    """The article's sections, each a list of sentences numbered from 1."""

    def __init__(self, text: str) -> None:
        self.sections: dict[str, list[Sentence]] = {}
        self._parse(text)

    def _parse(self, text: str) -> None:
        section = "Introduction"
        in_faq = False
        for raw in text.splitlines():
            line = raw.strip()
            if not line or _TABLE_RULE.match(line):
                continue
            if "|" in line:
                self._add(section, " | ".join(c.strip() for c in line.split("|") if c.strip()))
                continue
            if in_faq and line.endswith("?") and not _SENTENCE_END.search(line):
                section = f"{FAQ_HEADING}: {line}"
                continue
            if not line.startswith("-") and line[-1] not in ".?!:":
                section, in_faq = line, line == FAQ_HEADING
                continue
            label = _LABELLED_PARAGRAPH.match(line)
            if label and not in_faq:
                section, line = label.group(1), line[label.end() :]
            for sentence in _SENTENCE_END.split(line.lstrip("- ").strip()):
                self._add(section, sentence)

    def _add(self, section: str, text: str) -> None:
        sentences = self.sections.setdefault(section, [])
        sentences.append(Sentence(section, len(sentences) + 1, text))

    def sentence(self, section: str, number: int, sha: str | None = None) -> Sentence:
        """The sentence a reference names; raises ReferenceError if it is missing or changed."""
        if section not in self.sections:
            raise ReferenceError(f"the article has no section {section!r}")
        sentences = self.sections[section]
        if not 1 <= number <= len(sentences):
            raise ReferenceError(f"{section!r} has {len(sentences)} sentences, not {number}")
        found = sentences[number - 1]
        if sha is not None and sha != found.sha:
            raise ReferenceError(
                f"{section!r} sentence {number} changed (hash {found.sha}, reference says {sha})"
            )
        return found

    def all_sentences(self) -> list[Sentence]:
        return [s for sentences in self.sections.values() for s in sentences]


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> Article:
    return Article(path.read_text(encoding="utf-8"))


def load_article(path: Path | None = None) -> Article:
    """The article at `path` (default: the configured ARTICLE_PATH), parsed once per version."""
    path = path or article_path()
    return _load(path, path.stat().st_mtime)
