"""Every response the bot can send, with its provenance split sentence by sentence.

A response's `metadata` says where each sentence comes from:
- `source_refs`: the article sentences its article-based sentences rest on, as
  `{section, sentences: [numbers], sha: [hashes]}` (content/article.py resolves them);
- `additions`: sentences of the text that are deliberately not from the article, each
  `{sentence: n, source: <kind>, reason: "..."}`;
- or `source: <kind>` with a `reason` when no sentence of it comes from the article.
Kinds: `safety_addition` (urgent-help advice, declines, the handoff), `plain_language` (a term
explained in everyday words) and `assistant` (what the bot itself can or cannot do).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from settings import PROJECT_ROOT, ClinicSettings

ADDITION_KINDS = ("safety_addition", "plain_language", "assistant")
ARTICLE = "article"
# "Did you mean" captions: questions shown on buttons, not answers
TOPIC_CAPTION_PREFIX = "utter_topic_"
_SENTENCE_END = re.compile(r"(?<=[.?!:])\s+(?=[A-Z\"“(])")


def response_files(root: Path = PROJECT_ROOT) -> list[Path]:
    return [root / "domain.yml", *sorted((root / "data" / "responses").glob("*.yml"))]


def split_sentences(text: str) -> list[str]:
    """The sentences of an answer; a colon that opens a list ends one too."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


@dataclass(frozen=True)
class Part:
    """One sentence of an answer and where it comes from (ARTICLE or an addition kind)."""

    text: str
    source: str
    reason: str = ""


@dataclass
class Answer:
    name: str
    text: str
    buttons: list[dict] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)

    @property
    def filled_text(self) -> str:
        """The text as a patient reads it with the default clinic details."""
        return self.text.format(**ClinicSettings().template_values())

    @property
    def source_refs(self) -> list[dict]:
        return list(self.metadata.get("source_refs") or [])

    def parts(self) -> list[Part]:
        """The sentences, each labelled ARTICLE or with its addition kind and reason."""
        sentences = split_sentences(self.filled_text)
        whole = self.metadata.get("source")
        if whole:
            reason = self.metadata.get("reason", "")
            return [Part(s, whole, reason) for s in sentences]
        labels = {
            a.get("sentence"): (a.get("source", ""), a.get("reason", ""))
            for a in self.metadata.get("additions") or []
        }
        return [
            Part(s, *labels.get(number, (ARTICLE, ""))) for number, s in enumerate(sentences, 1)
        ]

    def article_parts(self) -> list[Part]:
        return [p for p in self.parts() if p.source == ARTICLE]

    @property
    def version(self) -> str:
        """A short hash of what the patient sees and what it claims to rest on: its sign-off key."""
        seen = {"text": self.text, "buttons": self.buttons, "metadata": self.metadata}
        return hashlib.sha256(json.dumps(seen, sort_keys=True).encode()).hexdigest()[:12]


@lru_cache(maxsize=2)
def responses_by_name(root: Path = PROJECT_ROOT) -> dict[str, list[dict]]:
    """Every domain and retrieval response, by name, as the YAML files define it."""
    responses: dict[str, list[dict]] = {}
    for path in response_files(root):
        responses.update(
            (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        )
    return responses


@lru_cache(maxsize=2)
def load_answers(root: Path = PROJECT_ROOT) -> tuple[Answer, ...]:
    """Every response variation except the "Did you mean" captions, in file order."""
    return tuple(
        Answer(
            name=name,
            text=variation.get("text", ""),
            buttons=list(variation.get("buttons") or []),
            metadata=dict(variation.get("metadata") or {}),
        )
        for name, variations in responses_by_name(root).items()
        if not name.startswith(TOPIC_CAPTION_PREFIX)
        for variation in variations
    )
