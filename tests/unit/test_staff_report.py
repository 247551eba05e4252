"""`make report` and `make export-unanswered` on a tracker store the test fills."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from staff import export_unanswered, report
from staff.explain import explanation
from staff.inprocess import Reply, Turn
from staff.usage import read_messages
from stores.configured import open_sql_tracker_store

DAY = date(2026, 11, 20)


def at(hour: int, minute: int = 0, day: date = DAY) -> float:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc).timestamp()


def parse(intent: str, confidence: float, ranking: list[tuple[str, float]] | None = None) -> dict:
    ranked = ranking or [(intent, confidence)]
    return {
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranked],
        "response_selector": {"all_retrieval_intents": ["faq"]},
    }


def faq_parse(key: str, confidence: float) -> dict:
    data = parse("faq", confidence)
    data["response_selector"]["faq"] = {
        "response": {"intent_response_key": f"faq/{key}", "confidence": 1.0},
        "ranking": [{"intent_response_key": f"faq/{key}", "confidence": 1.0}],
    }
    return data


def user(text: str, data: dict, when: float) -> UserUttered:
    return UserUttered(text, intent=data["intent"], parse_data=data, timestamp=when)


def bot(response: str, when: float, meta: dict | None = None) -> BotUttered:
    return BotUttered(
        f"text of {response}",
        metadata={"utter_action": response, "metadata": meta or {}},
        timestamp=when,
    )


CONVERSATIONS = {
    "c1": [
        user("what causes it?", faq_parse("causes", 0.9), at(9)),
        bot("utter_faq/causes", at(9), {"source_refs": [{"section": "S", "sentences": [4]}]}),
        bot("utter_handoff", at(9)),
        user(
            "how much does it cost? my name is Sarah Jones, jo@example.com",
            parse("out_of_scope", 0.8),
            at(9, 1),
        ),
        bot("utter_out_of_scope", at(9, 1)),
        bot("utter_handoff", at(9, 1)),
    ],
    "c2": [
        user("I cant breathe properly since the shots", parse("emergency", 1.0), at(23)),
        bot("utter_emergency", at(23)),
        user(
            "xqzzt bloop",
            parse(
                "nlu_fallback", 0.3, [("nlu_fallback", 0.3), ("faq", 0.2), ("ask_frequency", 0.1)]
            ),
            at(23, 5),
        ),
        bot("utter_did_you_mean", at(23, 5)),
        user("helpful", parse("feedback_helpful", 1.0), at(23, 6)),
    ],
    "c4": [
        user("how long do the shots last", parse("ask_how_long", 0.9), at(14)),
        bot("utter_procedure_timing", at(14)),
        bot("utter_handoff", at(14)),
        user("/feedback_not_helpful", parse("feedback_not_helpful", 1.0), at(14, 1)),
        bot("utter_feedback_ask", at(14, 1)),
        user("can I drive home after the shots", parse("ask_post_care", 0.9), at(14, 2)),
    ],
    "c3": [  # another day, outside a one-day period
        user("what causes it?", faq_parse("causes", 0.9), at(10, day=date(2026, 11, 25))),
        bot("utter_answer_unavailable", at(10, day=date(2026, 11, 25))),
    ],
}


@pytest.fixture
def endpoints(tmp_path: Path) -> Path:
    db = tmp_path / "tracker.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    for sender, events in CONVERSATIONS.items():
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    path = tmp_path / "endpoints.yml"
    path.write_text(
        yaml.safe_dump({"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(db)}})
    )
    return path


def one_day(endpoints: Path, output: Path) -> list[str]:
    """The command line for DAY on the filled store, written to `output`."""
    day = DAY.isoformat()
    return ["--from", day, "--to", day, "--endpoints", str(endpoints), "--output", str(output)]


def test_report_counts_the_period_and_redacts(endpoints: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    code = report.main(one_day(endpoints, output))
    assert code == 0
    html = output.read_text()
    store = open_sql_tracker_store(endpoints)
    rows = dict(report.summary_rows(read_messages(store, DAY, DAY)))
    assert rows["Conversations"] == "3" and rows["Patient messages"] == "8"
    assert rows["Red-flag escalations"] == "1" and rows["Self-harm escalations"] == "0"
    assert rows["Out of scope"] == "1 (12%)" and rows['"Did you mean" (unsure)'] == "1 (12%)"
    assert rows["Answers ending with the handoff"] == "3 (38%)"
    assert rows["Feedback: helpful / not helpful"] == "1 / 1"
    assert rows["Answers that failed (action server)"] == "0"  # c3 is outside the period
    assert html.count("<svg") == 3
    assert "how much does it cost? my name is [name], [email]" in html
    assert "Sarah" not in html and "jo@example.com" not in html
    assert "breathe" not in html  # escalations are counted, never quoted
    # what they were looking for after "Not helpful" is listed as unanswered
    assert "can I drive home after the shots" in html
    assert oct(output.stat().st_mode & 0o777) == "0o600"


def test_report_rejects_a_backwards_period(endpoints: Path, capsys) -> None:
    assert (
        report.main(["--from", "2026-11-21", "--to", "2026-11-20", "--endpoints", str(endpoints)])
        == 2
    )
    assert "starts (2026-11-21) after it ends (2026-11-20)" in capsys.readouterr().err


def test_export_writes_nlu_yaml_to_label(endpoints: Path, tmp_path: Path) -> None:
    output = tmp_path / "unanswered.yml"
    code = export_unanswered.main(one_day(endpoints, output))
    assert code == 0
    text = output.read_text()
    data = RasaYAMLReader().reads(text)
    examples = [m.get("text") for m in data.intent_examples]
    assert len(examples) == 3 and "can I drive home after the shots" in examples
    assert "how much does it cost? my name is [name], [email]" in examples
    assert "xqzzt bloop" in examples
    assert all(m.get("intent") == "label_me" for m in data.intent_examples)
    assert "# likeliest: faq (0.20), ask_frequency (0.10); the bot answered: nlu_fallback" in text
    assert "breathe" not in text and "what causes it?" not in text


def test_explanation_line_names_answer_runner_up_article_and_gate() -> None:
    data = parse("faq", 0.7, [("faq", 0.7), ("ask_side_effects", 0.2)])
    data["response_selector"]["faq"] = {
        "response": {"intent_response_key": "faq/causes", "confidence": 0.9},
        "ranking": [
            {"intent_response_key": "faq/causes", "confidence": 0.9},
            {"intent_response_key": "faq/symptoms", "confidence": 0.1},
        ],
    }
    data["decided_by"] = [{"by": "social gate", "intent": "faq"}]
    replies = [
        Reply(
            "a",
            response="utter_faq/causes",
            metadata={
                "source_refs": [
                    {"section": "Understanding Cervical Dystonia", "sentences": [4, 5, 6]}
                ]
            },
        ),
        Reply("b", response="utter_handoff", metadata={"source": "safety_addition"}),
    ]
    line = explanation(Turn("why?", data, replies))
    assert line == (
        "answer faq/causes 0.63 | runner-up ask_side_effects 0.20 | "
        "article Understanding Cervical Dystonia 4-6 | gate social gate -> faq"
    )
