"""The label audit: a row takes the second reader's label only when the model agrees and the
reader saw no toss-up; safety labels stay; a second run changes nothing; a changed file stops it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.apply_label_audit import Relabel, decide, relabelled

KEY = "row\tfile\tindex\tprevious\tlabel\tmodel\n"
LABELS = "row\tlabel\tfocus\talso\n"


def write_audit(folder: Path, rows: list[tuple[str, str, str, str, str]]) -> None:
    """rows: (writer's label, model's label, reader's label, reader's focus, reader's also)."""
    key, labels = KEY, LABELS
    for number, (writer, model, reader, focus, also) in enumerate(rows):
        key += f"r{number}\tf.tsv\t{number}\task_side_effects\t{writer}\t{model}\n"
        labels += f"r{number}\t{reader}\t{focus}\t{also}\n"
    (folder / "key.tsv").write_text(key, encoding="utf-8")
    (folder / "labels_a.tsv").write_text(labels, encoding="utf-8")


def test_only_rows_the_reader_and_the_model_both_read_another_way_are_relabelled(
    tmp_path: Path,
) -> None:
    write_audit(
        tmp_path,
        [
            ("ask_side_effects", "ask_how_long", "ask_how_long", "-", "-"),  # relabelled
            ("ask_side_effects", "ask_how_long", "ask_side_effects", "-", "-"),  # reader: writer
            (
                "ask_side_effects",
                "ask_how_long",
                "ask_how_long",
                "-",
                "ask_side_effects",
            ),  # toss-up
            ("ask_side_effects", "ask_how_long", "faq/symptoms", "-", "-"),  # a third reading
            ("ask_side_effects", "emergency", "emergency", "-", "-"),  # safety: never here
        ],
    )
    relabels, outcome = decide(tmp_path)
    assert relabels == [Relabel("f.tsv", 0, "ask_side_effects", "ask_how_long", "-")]
    assert sum(outcome.values()) == 5
    assert outcome["relabelled (reader and model agree)"] == 1


def test_a_row_without_a_second_reading_is_an_error(tmp_path: Path) -> None:
    write_audit(tmp_path, [("ask_side_effects", "ask_how_long", "ask_how_long", "-", "-")])
    (tmp_path / "labels_a.tsv").write_text(LABELS, encoding="utf-8")
    with pytest.raises(ValueError, match="no second reading"):
        decide(tmp_path)


def test_relabelling_skips_comments_sets_label_and_focus_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "f.tsv"
    path.write_text(
        "# a comment\n\nask_alternatives\task_alternatives\tcomplementary\tphysio alongside?\n"
        "ask_side_effects\task_side_effects\t-\tand the bruising?\n",
        encoding="utf-8",
    )
    change = {0: Relabel("f.tsv", 0, "ask_alternatives", "faq/care_plan", "-")}
    text = relabelled(path, change)
    assert "ask_alternatives\tfaq/care_plan\t-\tphysio alongside?\n" in text
    assert "ask_side_effects\task_side_effects\t-\tand the bruising?\n" in text
    path.write_text(text, encoding="utf-8")
    assert relabelled(path, change) == text


def test_a_row_whose_label_changed_since_the_audit_stops_the_run(tmp_path: Path) -> None:
    path = tmp_path / "f.tsv"
    path.write_text("ask_alternatives\tfaq/symptoms\t-\tphysio alongside?\n", encoding="utf-8")
    change = {0: Relabel("f.tsv", 0, "ask_alternatives", "faq/care_plan", "-")}
    with pytest.raises(ValueError, match="f.tsv:1"):
        relabelled(path, change)
