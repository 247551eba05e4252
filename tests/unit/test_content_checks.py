"""The content checks catch what they are for: each unfaithful edit below fails them."""

from __future__ import annotations

import dataclasses

import pytest

from content.answers import Answer, load_answers
from content.article import Article, ReferenceError, load_article, sentence_hash
from content.checks import (
    SUPPORT_THRESHOLD,
    all_problems,
    faithfulness_problems,
    plain_language_problems,
    provenance_problems,
    readability_problems,
    referenced_sentences,
    support_share,
)
from content.stamp_refs import stamp

BY_NAME = {a.name: a for a in load_answers()}


@pytest.fixture(scope="module")
def article() -> Article:
    return load_article()


def edited(name: str, old: str, new: str) -> Answer:
    answer = BY_NAME[name]
    assert old in answer.text, (name, old)
    return dataclasses.replace(answer, text=answer.text.replace(old, new))


def kinds(problems) -> set[str]:
    return {p.check for p in problems}


def test_the_answers_as_shipped_pass(article) -> None:
    assert not [str(p) for a in BY_NAME.values() for p in all_problems(a, article)]


@pytest.mark.parametrize(
    ("name", "old", "new", "caught"),
    [
        # a number the passage does not have
        ("utter_procedure_frequency", "every 12 to 16 weeks", "every 6 to 8 weeks", "the number 6"),
        # a drug the passage does not name
        (
            "utter_procedure_preparation",
            "like aspirin",
            "like aspirin or ibuprofen",
            "'ibuprofen'",
        ),
        # "usually temporary" said of difficulty swallowing: the article says it of other effects
        (
            "utter_side_effect_swallowing",
            "is one of the possible side effects of Botox.",
            "is one of the possible side effects of Botox, and it is usually temporary.",
            "'usually'",
        ),
        # a hedge turned into a promise
        (
            "utter_faq/expected_results",
            "each person's response may vary",
            "everyone will respond",
            "'will'",
        ),
        # a hedge dropped
        (
            "utter_faq/symptoms",
            "The head may twist or tilt on its own.",
            "The head twists or tilts on its own.",
            "hedge",
        ),
        # praise the article does not give
        (
            "utter_faq/botox_effectiveness",
            "Many people get significant relief",
            "Botox cures most people completely, and they get significant relief",
            "'cures'",
        ),
        # a muscle the passage does not name
        (
            "utter_muscle_trapezius",
            "upper and lower fibres",
            "upper and lower fibres and the jaw",
            "'jaw'",
        ),
        # "should be avoided" softened to "usually avoided"
        (
            "utter_procedure_preparation",
            "should be avoided or stopped",
            "are usually avoided or stopped",
            "'usually'",
        ),
        # a sentence with no support in the passage
        (
            "utter_faq/causes",
            "Several factors can contribute to it.",
            "Several factors can contribute to it. Stress at work is the main reason for it.",
            "only",
        ),
    ],
)
def test_an_unfaithful_edit_is_caught(article, name, old, new, caught) -> None:
    problems = faithfulness_problems(edited(name, old, new), article)
    assert any(caught in p.message for p in problems), [str(p) for p in problems]


def test_safety_advice_without_its_label_fails_as_unsupported(article) -> None:
    answer = BY_NAME["utter_side_effect_muscle_weakness"]
    unlabelled = dataclasses.replace(answer, metadata={**answer.metadata, "additions": []})
    assert kinds(faithfulness_problems(unlabelled, article)) == {"faithfulness"}


def test_support_threshold_separates_own_passage_from_an_unrelated_one(article) -> None:
    sentence = "Ice packs on the injection sites can help reduce swelling and discomfort."
    own = referenced_sentences(BY_NAME["utter_post_care_ice"], article)
    unrelated = referenced_sentences(BY_NAME["utter_faq/future_research"], article)
    assert support_share(sentence, own) >= SUPPORT_THRESHOLD > support_share(sentence, unrelated)


def test_an_answer_without_provenance_fails(article) -> None:
    bare = dataclasses.replace(BY_NAME["utter_faq/causes"], metadata={})
    assert "article-based sentences without source_refs" in {
        p.message for p in provenance_problems(bare, article)
    }


def test_a_reference_to_a_changed_article_sentence_fails(article) -> None:
    answer = BY_NAME["utter_faq/causes"]
    ref = {**answer.source_refs[0], "sha": ["00000000"] * len(answer.source_refs[0]["sentences"])}
    stale = dataclasses.replace(answer, metadata={**answer.metadata, "source_refs": [ref]})
    assert any("changed" in p.message for p in provenance_problems(stale, article))


def test_a_reference_past_the_end_of_a_section_fails(article) -> None:
    answer = BY_NAME["utter_faq/causes"]
    ref = {"section": "Preparation", "sentences": [99], "sha": ["00000000"]}
    wrong = dataclasses.replace(answer, metadata={**answer.metadata, "source_refs": [ref]})
    assert any("has 4 sentences" in p.message for p in provenance_problems(wrong, article))


def test_an_addition_needs_a_kind_and_a_reason(article) -> None:
    answer = BY_NAME["utter_side_effect_muscle_weakness"]
    bad = dataclasses.replace(
        answer, metadata={**answer.metadata, "additions": [{"sentence": 3, "source": "opinion"}]}
    )
    messages = {p.message for p in provenance_problems(bad, article)}
    assert "addition of unknown kind 'opinion'" in messages
    assert "addition 3 has no reason" in messages


def test_a_long_sentence_and_a_hard_text_fail_readability() -> None:
    long = " ".join(["word"] * 26) + "."
    answer = dataclasses.replace(BY_NAME["utter_goodbye"], text=long)
    assert any("26 words" in p.message for p in readability_problems(answer))
    hard = "Anticholinergic pharmacotherapy demonstrates considerable therapeutic heterogeneity."
    answer = dataclasses.replace(BY_NAME["utter_goodbye"], text=hard)
    assert any(p.message.startswith("grade") for p in readability_problems(answer))


def test_a_term_left_unexplained_fails() -> None:
    answer = edited(
        "utter_alternative_complementary",
        "Biofeedback uses sensors to show your muscle activity, so you can learn to control it. ",
        "",
    )
    assert [p.message for p in plain_language_problems(answer)] == [
        "'biofeedback' is not explained where first used"
    ]


def test_article_sections_and_sentences_as_the_file_has_them(article) -> None:
    assert "12 to 16 weeks" in article.sentence("Frequency of Injections", 2).text
    assert article.sentence("Injection Sites for Cervical Dystonia", 5).text.startswith(
        "Trapezius |"
    )
    assert "FAQ: What is cervical dystonia?" in article.sections
    with pytest.raises(ReferenceError):
        article.sentence("No such section", 1)


def test_a_parsed_article_numbers_labelled_paragraphs_as_their_own_sections() -> None:
    text = "Title\nHeading\nFirst one. Second one.\nPreparation: Do this. Then that.\n"
    text += "FAQ\nWhy?\nBecause.\n"
    parsed = Article(text)
    assert [s.text for s in parsed.sections["Heading"]] == ["First one.", "Second one."]
    assert [s.text for s in parsed.sections["Preparation"]] == ["Do this.", "Then that."]
    assert parsed.sentence("FAQ: Why?", 1).sha == sentence_hash("Because.")


def test_stamp_writes_the_hashes_and_reports_a_bad_reference(article) -> None:
    text = '- {section: "Preparation", sentences: [1]}\n- {section: "Nope", sentences: [1]}\n'
    stamped, errors = stamp(text, article)
    sha = article.sentence("Preparation", 1).sha
    assert f'- {{section: "Preparation", sentences: [1], sha: ["{sha}"]}}' in stamped
    assert errors == ["the article has no section 'Nope'"]
