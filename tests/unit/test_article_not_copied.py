"""The bot's answers are written in its own words: no response repeats a run of the article.

The article is the clinic's document, kept outside the repository (settings.article_path(),
`ARTICLE_PATH` in .env or the environment).
"""

from __future__ import annotations

import re

import pytest
import yaml

from settings import ARTICLE_VARIABLE, PROJECT_ROOT, article_path

COPIED_WORDS = 10  # this many words in a row, as in the article, count as pasted


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text: str, length: int = COPIED_WORDS) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def response_texts() -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for path in [PROJECT_ROOT / "domain.yml", *sorted((PROJECT_ROOT / "data").rglob("*.yml"))]:
        responses = (yaml.safe_load(path.read_text()) or {}).get("responses") or {}
        for name, variations in responses.items():
            texts[name] = [variation.get("text", "") for variation in variations]
    return texts


def test_no_response_pastes_the_article() -> None:
    article = article_path()
    if not article.is_file():
        pytest.fail(f"the source article is not at {article}: set {ARTICLE_VARIABLE}")
    article_runs = runs(article.read_text(encoding="utf-8"))
    pasted = {
        name: " ".join(run)
        for name, texts in response_texts().items()
        for text in texts
        for run in runs(text) & article_runs
    }
    assert not pasted, pasted


def test_a_pasted_sentence_would_be_caught() -> None:
    sentence = "botulinum toxin injections are one of the most effective treatments for it"
    assert runs(sentence) & runs(f"As the article says: {sentence}.")
