"""How fast `make ask` answers: questions per second in-process, after the model has loaded.

Prints a table: the 20 questions of tests/data/staff/questions.txt asked 1x and 5x (100), each in
its own conversation, after one warm-up round. Target: 100 questions in under 1 s.
Usage: .venv/bin/python bench/staff_ask.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from staff.ask import read_conversations, run  # noqa: E402
from staff.inprocess import load_bot  # noqa: E402

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data" / "staff" / "questions.txt"


def main() -> None:
    started = time.perf_counter()
    bot = load_bot()
    loaded = time.perf_counter() - started
    questions = read_conversations(QUESTIONS.read_text(encoding="utf-8"), yaml_input=False)
    run(questions, bot)  # warm-up
    print("command: .venv/bin/python bench/staff_ask.py")
    print(f"model load: {loaded:.1f} s")
    print("| questions | seconds | ms per question | target |")
    print("|---:|---:|---:|---|")
    for repeat in (1, 5):
        _, seconds = run(questions * repeat, bot)
        count = len(questions) * repeat
        target = "under 1 s per 100" + (" (met)" if seconds / count * 100 < 1 else " (NOT met)")
        print(f"| {count} | {seconds:.2f} | {seconds / count * 1000:.1f} | {target} |")


if __name__ == "__main__":
    main()
