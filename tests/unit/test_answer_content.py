"""Every answer the bot can send is traced to the article, faithful to it, and in plain words.

The checks themselves are in content/checks.py; test_content_checks.py shows that each can fail.
"""

from __future__ import annotations

import pytest

from content.answers import ADDITION_KINDS, ARTICLE, load_answers
from content.article import load_article
from content.checks import (
    faithfulness_problems,
    plain_language_problems,
    provenance_problems,
    readability_problems,
)
from settings import ARTICLE_VARIABLE, article_path

ANSWERS = load_answers()
NAMES = [a.name for a in ANSWERS]


@pytest.fixture(scope="module")
def article():
    if not article_path().is_file():
        pytest.fail(f"the source article is not at {article_path()}: set {ARTICLE_VARIABLE}")
    return load_article()


def test_every_response_of_the_domain_and_the_retrieval_files_is_checked() -> None:
    assert len(ANSWERS) >= 60
    assert {"utter_handoff", "utter_emergency", "utter_faq/causes", "utter_advice/dose"} <= set(
        NAMES
    )
    assert any(n.startswith("utter_side_effect_") for n in NAMES)


@pytest.mark.parametrize("answer", ANSWERS, ids=NAMES)
def test_provenance(answer, article) -> None:
    assert not provenance_problems(answer, article)
    for part in answer.parts():
        assert part.source == ARTICLE or (part.source in ADDITION_KINDS and part.reason), part


@pytest.mark.parametrize("answer", ANSWERS, ids=NAMES)
def test_faithful_to_the_referenced_passage(answer, article) -> None:
    assert not faithfulness_problems(answer, article)


@pytest.mark.parametrize("answer", ANSWERS, ids=NAMES)
def test_readability(answer) -> None:
    assert not readability_problems(answer)


@pytest.mark.parametrize("answer", ANSWERS, ids=NAMES)
def test_technical_terms_are_explained(answer) -> None:
    assert not plain_language_problems(answer)


def test_safety_advice_is_labelled_not_passed_off_as_the_article() -> None:
    urgent = [
        part
        for answer in ANSWERS
        for part in answer.parts()
        if "right away" in part.text or "emergency" in part.text.lower()
    ]
    assert urgent
    assert all(part.source == "safety_addition" for part in urgent), urgent


def test_the_answers_about_treatment_rest_on_the_article() -> None:
    clinical = [
        a
        for a in ANSWERS
        if a.name.startswith(
            (
                "utter_faq/",
                "utter_side_effect",
                "utter_procedure",
                "utter_muscle",
                "utter_post_care",
                "utter_alternative",
            )
        )
    ]
    assert len(clinical) >= 35
    assert all(a.source_refs and a.article_parts() for a in clinical)
