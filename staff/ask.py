"""`make ask FILE=questions.txt`: run questions through the trained bot in-process, no servers,
and write a Markdown and a CSV table of what it answered.

Input: a text file with one question per line (blank lines and `#` comments skipped), a YAML file
`conversations: [[first message, follow-up, ...], ...]` whose turns are asked in one conversation,
or standard input (`make ask < questions.txt`, or `FILE=-`).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import yaml

from actions.handoff import HANDOFF_RESPONSE
from actions.suggestions import answer_ranking
from content.answers import split_sentences
from nlu.answer_labels import chosen_answer
from rasa_fixes.session_start import DISCLAIMER_RESPONSE
from staff.inprocess import Turn, ask, load_bot

URGENT_RESPONSES = {"utter_emergency", "utter_self_harm", "utter_emergency_follow_up"}
COLUMNS = ["conversation", "question", "answer", "confidence", "reply", "handoff", "escalation"]
DEFAULT_OUTPUT = Path("results") / "ask"


@dataclass(frozen=True)
class Row:
    conversation: int
    question: str
    answer: str
    confidence: float
    reply: str
    handoff: bool
    escalation: bool


def read_conversations(text: str, yaml_input: bool) -> list[list[str]]:
    """Conversations (lists of messages) from a YAML file or from lines of text."""
    if yaml_input:
        loaded = yaml.safe_load(text) or {}
        conversations = loaded.get("conversations") if isinstance(loaded, dict) else None
        if not isinstance(conversations, list) or not all(
            isinstance(c, list) and c and all(isinstance(m, str) for m in c) for c in conversations
        ):
            raise ValueError("the YAML needs `conversations:`, a list of lists of messages")
        return [[m.strip() for m in c] for c in conversations]
    lines = (line.strip() for line in text.splitlines())
    return [[line] for line in lines if line and not line.startswith("#")]


def row(number: int, turn: Turn) -> Row:
    answer = chosen_answer(turn.parse) or "none"
    ranking = dict(answer_ranking(turn.parse))
    confidence = ranking.get(answer, float((turn.parse.get("intent") or {}).get("confidence") or 0))
    responses = {reply.response for reply in turn.replies}
    answers = [reply for reply in turn.replies if reply.response != DISCLAIMER_RESPONSE]
    return Row(
        conversation=number,
        question=turn.text,
        answer=answer,
        confidence=round(confidence, 2),
        reply=split_sentences(answers[0].text)[0] if answers else "",
        handoff=HANDOFF_RESPONSE in responses,
        escalation=bool(responses & URGENT_RESPONSES),
    )


def markdown(rows: list[Row]) -> str:
    def cell(value: object) -> str:
        shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        return shown.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(getattr(r, c)) for c in COLUMNS) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def csv_text(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(
            [
                "yes" if v is True else "no" if v is False else v
                for v in (getattr(r, c) for c in COLUMNS)
            ]
        )
    return out.getvalue()


def run(conversations: list[list[str]], bot=None) -> tuple[list[Row], float]:
    """Ask every conversation in its own session; the rows, and the seconds the asking took."""
    bot = bot or load_bot()
    started = time.perf_counter()
    rows = []
    for number, messages in enumerate(conversations, 1):
        sender = f"ask-{uuid.uuid4().hex}"
        rows += [row(number, ask(bot, sender, message)) for message in messages]
    return rows, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "file", nargs="?", default="-", help="questions (.txt or .yml); - for stdin"
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="writes .md and .csv")
    args = parser.parse_args(argv)
    try:
        if args.file == "-":
            text, is_yaml = sys.stdin.read(), False
        else:
            path = Path(args.file)
            text, is_yaml = path.read_text(encoding="utf-8"), path.suffix in (".yml", ".yaml")
        conversations = read_conversations(text, is_yaml)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        print(f"make ask: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    if not conversations:
        print("make ask: no questions found (one per line; # starts a comment)", file=sys.stderr)
        return 2
    rows, seconds = run(conversations)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    table = markdown(rows)
    args.output.with_suffix(".md").write_text(table, encoding="utf-8")
    args.output.with_suffix(".csv").write_text(csv_text(rows), encoding="utf-8")
    print(table)
    print(
        f"{len(rows)} questions in {seconds:.2f} s; written to "
        f"{args.output.with_suffix('.md')} and {args.output.with_suffix('.csv')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
