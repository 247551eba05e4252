"""The clinical review sheet and the sign-off record behind it."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
import yaml

from content import review_sheet
from content.answers import load_answers
from content.article import load_article
from content.reach import example_questions, is_handed_off
from content.signoff import (
    CHANGED,
    SIGNED,
    SIGNOFF_FILE,
    UNSIGNED,
    SignOff,
    load_signoffs,
    status,
    warning_line,
)

ANSWERS = load_answers()
BY_NAME = {a.name: a for a in ANSWERS}


def test_status_follows_the_version_that_was_signed() -> None:
    answer = BY_NAME["utter_faq/causes"]
    signed = SignOff(answer.name, answer.version, "Dr A. Clinician", "2026-12-01")
    assert status(answer, [])[0] == UNSIGNED
    assert status(answer, [signed]) == (SIGNED, signed)
    changed = dataclasses.replace(answer, text=answer.text + " Stress can cause it.")
    assert changed.version != answer.version
    assert status(changed, [signed]) == (CHANGED, signed)


def test_signoff_file_entries_without_every_field_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "signoff.yml"
    path.write_text(
        "signoffs:\n"
        '  - {answer: "utter_faq/causes", version: "abc", by: "Dr A", date: "2026-12-01"}\n'
        '  - {answer: "utter_faq/symptoms", by: "Dr A"}\n'
    )
    assert load_signoffs(path) == [SignOff("utter_faq/causes", "abc", "Dr A", "2026-12-01")]
    assert load_signoffs(tmp_path / "missing.yml") == []


def test_the_shipped_signoff_file_parses() -> None:
    """load_signoffs forgives a bad file (make run must start); the shipped one must be good."""
    entries = yaml.safe_load(SIGNOFF_FILE.read_text())["signoffs"]
    assert isinstance(entries, list)
    assert len(load_signoffs()) == len(entries)


def test_run_warning_names_how_many_answers_are_unsigned(monkeypatch) -> None:
    monkeypatch.setattr("content.signoff.load_signoffs", lambda path=None: [])
    assert warning_line() == (
        f"WARNING: {len(ANSWERS)} of {len(ANSWERS)} answers are not signed off by a clinician in "
        "this version (make review; review/signoff.yml)"
    )
    everything = [SignOff(a.name, a.version, "Dr A", "2026-12-01") for a in ANSWERS]
    monkeypatch.setattr("content.signoff.load_signoffs", lambda path=None: everything)
    assert warning_line() is None


def test_questions_that_reach_an_answer_come_from_the_training_data() -> None:
    assert len(example_questions("utter_faq/causes")) == 5
    assert any("swallow" in q.lower() for q in example_questions("utter_side_effect_swallowing"))
    assert "I can't breathe" in example_questions("utter_emergency")
    assert example_questions("utter_answer_unavailable") == []
    assert is_handed_off("utter_faq/causes") and is_handed_off("utter_muscle_trapezius")
    assert not is_handed_off("utter_greet")


def test_sheet_shows_each_answer_with_its_passage_checks_and_status(monkeypatch, tmp_path) -> None:
    causes = BY_NAME["utter_faq/causes"]
    old = SignOff(causes.name, "000000000000", "Dr A. Clinician", "2026-11-01")
    current = SignOff(
        "utter_faq/symptoms", BY_NAME["utter_faq/symptoms"].version, "Dr B", "2026-11-02"
    )
    monkeypatch.setattr(review_sheet, "load_signoffs", lambda: [old, current])
    output = tmp_path / "sheet.html"
    monkeypatch.setattr(sys, "argv", ["review_sheet", "--output", str(output)])
    review_sheet.main()
    html = output.read_text()
    assert html.count('<article class="answer"') == len(ANSWERS)
    assert load_article().sentence("Frequency of Injections", 2).text in html
    assert "safety addition" in html and "plain-language addition" in html
    assert "Then the handoff: For advice about your own treatment" in html
    assert "All checks pass" in html and "Problems:" not in html
    causes_card = html.split('id="utter_faq/causes"')[1].split("</article>")[0]
    assert CHANGED in causes_card and "Dr A. Clinician, 2026-11-01" in causes_card
    symptoms_card = html.split('id="utter_faq/symptoms"')[1].split("</article>")[0]
    assert f">{SIGNED}<" in symptoms_card
    head = html.split("<body>")[0]
    assert "size: A4" in head and "<script" not in html and "http" not in head


@pytest.mark.parametrize("answer", [BY_NAME["utter_side_effect_swallowing"]], ids=["swallowing"])
def test_sheet_card_lists_five_questions_and_the_grade(answer) -> None:
    card = review_sheet.answer_html(answer, load_article(), [], BY_NAME["utter_handoff"])
    assert card.count("<li>") == 5
    assert "Reading grade" in card and "Clinician sign-off of this version" in card


def test_an_unreadable_signoff_file_counts_as_nothing_signed(tmp_path: Path) -> None:
    path = tmp_path / "signoff.yml"
    path.write_text("signoffs: [unclosed\n")
    assert load_signoffs(path) == []
    path.write_text("- just a list\n")
    assert load_signoffs(path) == []


def test_review_without_the_article_says_where_to_point_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ARTICLE_PATH", str(tmp_path / "missing.txt"))
    monkeypatch.setattr(sys, "argv", ["review_sheet", "--output", str(tmp_path / "s.html")])
    with pytest.raises(SystemExit) as stop:
        review_sheet.main()
    assert "set ARTICLE_PATH" in str(stop.value)
    assert not (tmp_path / "s.html").exists()
