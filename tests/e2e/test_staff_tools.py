"""`make ask`: questions through the trained bot in-process, a Markdown and a CSV table."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.servers import PROJECT_ROOT, TEST_CLINIC

pytestmark = pytest.mark.e2e

DATA = PROJECT_ROOT / "tests" / "data" / "staff"


def ask(tmp_path: Path, *args: str, stdin: str | None = None) -> tuple[str, list[dict]]:
    env = {**os.environ, **TEST_CLINIC, "PYTHONPATH": str(PROJECT_ROOT), "PYTHONWARNINGS": "ignore"}
    out = tmp_path / "ask"
    done = subprocess.run(
        [sys.executable, "-m", "staff.ask", *args, "--output", str(out)],
        cwd=PROJECT_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert out.with_suffix(".md").read_text() in done.stdout
    with out.with_suffix(".csv").open() as f:
        return done.stdout, list(csv.DictReader(f))


def test_twenty_questions_from_a_file(tmp_path: Path) -> None:
    stdout, rows = ask(tmp_path, str(DATA / "questions.txt"))
    assert len(rows) == 20
    by_question = {row["question"]: row for row in rows}
    assert by_question["what is cervical dystonia?"]["answer"] == "faq/what_is_cervical_dystonia"
    assert by_question["can botox make it hard to swallow"]["reply"].startswith(
        "Difficulty swallowing"
    )
    red_flag = by_question["I can't breathe properly since my injection"]
    assert red_flag["escalation"] == "yes" and red_flag["answer"] == "emergency"
    assert by_question["how many units should I get?"]["answer"] == "advice/dose"
    assert by_question["how much does it cost?"]["answer"] == "out_of_scope"
    assert sum(row["escalation"] == "yes" for row in rows) == 1
    assert all(
        row["handoff"] == "yes" for row in rows if row["answer"].startswith(("faq/", "ask_"))
    )
    assert all(0.0 <= float(row["confidence"]) <= 1.0 for row in rows)
    assert "20 questions in " in stdout


def test_conversations_from_yaml_keep_their_context(tmp_path: Path) -> None:
    _, rows = ask(tmp_path, str(DATA / "conversations.yml"))
    assert [row["conversation"] for row in rows] == ["1", "1", "2", "2"]
    assert rows[1]["answer"] == "ask_how_long"  # read after the side effects: about them
    assert rows[1]["reply"].startswith("The common side effects are usually temporary")
    assert rows[3]["reply"].startswith("In some cases, surgery may be considered")


def test_questions_from_standard_input(tmp_path: Path) -> None:
    _, rows = ask(tmp_path, stdin="what causes cervical dystonia?\n\n# a comment\n")
    assert [row["answer"] for row in rows] == ["faq/causes"]


def test_a_bad_file_gets_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("conversations: just one string\n")
    done = subprocess.run(
        [sys.executable, "-m", "staff.ask", str(bad)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "the YAML needs `conversations:`" in done.stderr and "Traceback" not in done.stderr
