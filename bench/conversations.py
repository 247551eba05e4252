"""Whole-conversation accuracy on the blind hold-out tests/data/conversations_holdout.yml.

    .venv/bin/python bench/conversations.py            # figures, per pattern and per answer
    .venv/bin/python bench/conversations.py --set dev --misses   # the readable dev set, every miss
    .venv/bin/python bench/conversations.py --second-reader      # also against a second reader,
                                                                 # and the labels a third settled

The hold-out is never read: `--misses` is for the development set (bench/data/
conversations_dev.yml), written blind the same way so that its wrong turns can be studied.

Runs each conversation through models/current.tar.gz in-process with the real action server on
loopback (started here), so follow-ups see what earlier turns left. Scoring:
tests/support/conversation_eval.py.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from actions.handoff import HANDOFF_RESPONSE  # noqa: E402
from settings import PROJECT_ROOT  # noqa: E402
from tests.support.agent import load_agent  # noqa: E402
from tests.support.conversation_eval import (  # noqa: E402
    CONVERSATIONS,
    Conversation,
    ConversationReport,
    TurnResult,
    evaluate,
    load_conversations,
)
from tests.support.second_reader import (  # noqa: E402
    THIRD_READER,
    Agreement,
    Reading,
    first_readings,
    load_readings,
    readings_as_replies,
    scored_against,
    settle,
    sides,
)
from tests.support.servers import MODEL, TEST_CLINIC, action_server  # noqa: E402

SETS = {"holdout": CONVERSATIONS, "dev": Path(__file__).parent / "data" / "conversations_dev.yml"}
TARGETS = {"turns": 0.95, "follow-ups": 0.95, "stories": 0.95, "conversations": 0.90}


def measures(report: ConversationReport) -> list[tuple[str, int, float]]:
    """(measure, how many, share right) for each of the issue's four targets."""
    stories = report.with_pattern("story")
    return [
        ("turns", len(report.turns), report.turn_accuracy),
        ("follow-ups", len(report.follow_ups), report.accuracy(report.follow_ups)),
        ("stories", len(stories), report.accuracy(stories)),
        ("conversations", len(report.conversations), report.conversation_accuracy),
    ]


def print_report(report: ConversationReport, misses: bool) -> None:
    other = report.with_pattern("other_condition")
    declined = sum(r.answer == "out_of_scope" for r in other)
    print(f"{'measure':<14} {'n':>4} {'right':>7} {'target':>7}")
    for name, count, value in measures(report):
        print(f"{name:<14} {count:>4} {value:>7.1%} {TARGETS[name]:>7.0%}")
    print(f"\nquestions answered with small talk: {len(report.questions_given_small_talk)}")
    print(f"other conditions declined: {declined} of {len(other)}")
    offered = report.right_offered(report.asked)
    print(f'"Did you mean": {len(report.asked)} turns, the right answer a button in {len(offered)}')
    patterns = sorted({p for r in report.turns for p in r.turn.patterns})
    print(f"\n{'pattern':<22} {'n':>4} {'right':>7}")
    for pattern in patterns:
        results = report.with_pattern(pattern)
        print(f"{pattern:<22} {len(results):>4} {report.accuracy(results):>7.1%}")
    by_answer = defaultdict(list)
    for result in report.turns:
        by_answer[result.turn.expect].append(result)
    print(f"\n{'answer':<30} {'n':>4} {'right':>7}")
    for answer, results in sorted(by_answer.items()):
        print(f"{answer:<30} {len(results):>4} {report.accuracy(results):>7.1%}")
    print("\nmost frequent confusions (expected -> given):")
    for (expected, given), count in report.confusions():
        print(f"  {count:>3}  {expected} -> {given}")
    print("\nmost frequent wrong parts (right answer; the part expected -> the responses sent):")
    for (expected, given), count in report.part_confusions():
        print(f"  {count:>3}  {expected} -> {given}")
    if misses:
        print("\nwrong turns:")
        for result in (r for r in report.turns if not r.right):
            sent = list(result.responses)
            print(f"  {_wanted(result)} -> {result.answer} {sent}: {result.turn.user}")


def _wanted(result: TurnResult) -> str:
    """The expected answer, with its part: `ask_post_care/ice`."""
    return result.turn.expect + (f"/{result.turn.focus}" if result.turn.focus else "")


def _miss(result: TurnResult) -> tuple[str, str]:
    """What a wrong turn wanted and got: the answer, or for a wrong part, the responses sent."""
    if not result.right_answer:
        return _wanted(result), result.answer
    return _wanted(result), " ".join(r for r in result.responses if r != HANDOFF_RESPONSE)


def print_agreement(agreement: Agreement, read: ConversationReport) -> None:
    """The hold-out's labels against a second reader's, and the bot against each; `read` is the
    second reader's labels scored as if they were the bot's replies."""
    sided, misses = agreement.misses_read_as_the_bot()
    rows = [
        ("the two readers give the same answer", agreement.readers_agree()),
        ("... and the same part", agreement.readers_agree(with_part=True)),
        ("the bot right by the second reader", agreement.bot_right_by_second()),
        ("the bot right by either reader", agreement.bot_right_by_either()),
    ]
    print(f"\nsecond reader ({len(agreement.pairs)} turns, bench/data/second_reader/labels.tsv):")
    for name, value in rows:
        print(f"  {name:<40} {value:>7.1%}")
    print(f"  the bot's wrong turns the second reader answers as the bot did: {sided} of {misses}")
    print("\nthe second reader's labels scored as replies, on the targets' measures:")
    for name, count, value in measures(read):
        print(f"  {name:<14} {count:>4} {value:>7.1%}")
    print("\nthe bot's wrong turns both readers reject (expected -> given; a part: the responses):")
    for (expected, given), count in Counter(map(_miss, agreement.rejected_by_both())).most_common():
        print(f"  {count:>3}  {expected} -> {given}")
    print("\nthe readers' most frequent disagreements (hold-out label -> second reader):")
    for (first, second), count in agreement.disagreements():
        print(f"  {count:>3}  {first} -> {second}")


def print_settled(
    report: ConversationReport,
    conversations: list[Conversation],
    readings: dict[tuple[str, int], Reading],
    decisions: dict[tuple[str, int], Reading],
) -> None:
    """The bot and each reader against the settled labels: the hold-out's, with each turn the two
    readers disputed as a third reader decided it."""
    settled = settle(conversations, readings, decisions)
    sided = ", ".join(
        f"{who} {count}" for who, count in sides(conversations, readings, decisions).items()
    )
    where = THIRD_READER.relative_to(PROJECT_ROOT)
    print(f"\nthird reader on the {len(decisions)} turns the two readers disputed ({where}):")
    print(f"  sided with {sided}")
    columns = {
        "the bot": scored_against(report, settled),
        "hold-out labels": readings_as_replies(settled, first_readings(conversations)),
        "2nd reader's": readings_as_replies(settled, readings),
    }
    print(
        "\nagainst the settled labels, on the targets' measures (each reader's labels as replies):"
    )
    print(f"  {'measure':<14} {'n':>4} " + " ".join(f"{name:>15}" for name in columns))
    for rows in zip(*map(measures, columns.values()), strict=True):
        name, count, _ = rows[0]
        print(f"  {name:<14} {count:>4} " + " ".join(f"{value:>15.1%}" for _, _, value in rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="holdout", help="which set")
    parser.add_argument("--misses", action="store_true", help="list every wrong turn (dev set)")
    parser.add_argument(
        "--second-reader", action="store_true", help="also score against a second reader (hold-out)"
    )
    args = parser.parse_args()
    if args.misses and args.set == "holdout":
        parser.error("the hold-out's messages are never printed: use --set dev for --misses")
    if args.second_reader and args.set != "holdout":
        parser.error("--second-reader labels the hold-out only")
    print(f"$ {shlex.join(['.venv/bin/python', 'bench/conversations.py', *sys.argv[1:]])}\n")
    with (
        tempfile.TemporaryDirectory() as workdir,
        action_server(Path(workdir), env=TEST_CLINIC) as actions,
    ):
        conversations = load_conversations(SETS[args.set])
        report = evaluate(load_agent(MODEL, actions.webhook), conversations)
    print_report(report, args.misses)
    if args.second_reader:
        readings = load_readings()
        print_agreement(
            Agreement.of(report, conversations, readings),
            readings_as_replies(conversations, readings),
        )
        print_settled(report, conversations, readings, load_readings(THIRD_READER))
    return 0


if __name__ == "__main__":
    sys.exit(main())
