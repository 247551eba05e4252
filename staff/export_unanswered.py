"""`make export-unanswered`: the period's unanswered and low-confidence messages, redacted and
de-duplicated, as a Rasa NLU YAML file for staff to label and move into data/nlu/.

Each message is its own entry under the placeholder intent `label_me`, with the bot's two
likeliest labels in a comment above it: change `label_me` to the right intent (or retrieval
answer, e.g. `faq/causes`), then move the entry into the matching file of data/nlu/.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from staff.redact import redact
from staff.usage import LOW_CONFIDENCE, Message, messages_of_period, period_parser, write_owner_only

PLACEHOLDER_INTENT = "label_me"


def to_label(messages: list[Message]) -> list[tuple[str, str]]:
    """(redacted text, comment) for each distinct unanswered or unsure message, first seen first.
    Escalations are left out: they are answered by the safety rules, not by training data."""
    seen: dict[str, str] = {}
    for m in messages:
        if m.escalation or not (m.unanswered or m.confidence < LOW_CONFIDENCE):
            continue
        text = redact(" ".join(m.text.split()))
        key = text.lower()
        if text and key not in seen:
            labels = ", ".join(f"{label} ({p:.2f})" for label, p in m.likeliest) or "none"
            seen[key] = f"{text}\n# likeliest: {labels}; the bot answered: {m.answer}"
    return [(value.split("\n", 1)[0], value.split("\n", 1)[1]) for value in seen.values()]


def nlu_yaml(entries: list[tuple[str, str]], first: date, last: date) -> str:
    lines = [
        'version: "3.1"',
        f"# Unanswered and low-confidence messages, {first} to {last}, redacted and de-duplicated.",
        f"# Replace `{PLACEHOLDER_INTENT}` with the right intent or answer, then move the entry",
        "# into data/nlu/. Delete entries that should stay unanswered.",
        "nlu:",
    ]
    for text, comment in entries:
        lines += [
            f"  {comment}",
            f"  - intent: {PLACEHOLDER_INTENT}",
            "    examples: |",
            f"      - {text}",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = period_parser(__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="default: results/unanswered-FROM-TO.yml")
    args = parser.parse_args(argv)
    found = messages_of_period(args, "make export-unanswered")
    if found is None:
        return 2
    first, last, messages = found
    entries = to_label(messages)
    output = args.output or Path("results") / f"unanswered-{first}-{last}.yml"
    write_owner_only(output, nlu_yaml(entries, first, last))
    print(f"{len(entries)} messages to label, written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
