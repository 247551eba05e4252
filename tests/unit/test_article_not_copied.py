"""The bot's answers are written in its own words: no response repeats a run of the article.

The article is the clinic's document, kept outside the repository (settings.article_path(),
`ARTICLE_PATH` in .env or the environment).
"""

from __future__ import annotations

import re

import pytest

from settings import ARTICLE_VARIABLE, article_path
from tests.support.responses import all_responses

COPIED_WORDS = 10  # this many words in a row, as in the article, count as pasted


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text: str, length: int = COPIED_WORDS) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def test_no_response_pastes_the_article() -> None:
    article = article_path()
    if not article.is_file():
        pytest.fail(f"the source article is not at {article}: set {ARTICLE_VARIABLE}")
    article_runs = runs(article.read_text(encoding="utf-8"))
    pasted = {
        name: " ".join(run)
        for name, variations in all_responses().items()
        for variation in variations
        for run in runs(variation.get("text", "")) & article_runs
    }
    assert not pasted, pasted


def test_a_pasted_sentence_would_be_caught() -> None:
    sentence = "botulinum toxin injections are one of the most effective treatments for it"
    assert runs(sentence) & runs(f"As the article says: {sentence}.")
