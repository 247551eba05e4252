"""`make report`: one self-contained HTML page about a period of conversations, for clinic staff.

Read from the tracker store the servers use (SQLite by default, PostgreSQL with
TRACKER_STORE=postgres). No patient text appears except the unanswered messages, redacted.
Escalations are shown as counts and hours of the day only.
"""

from __future__ import annotations

import io
import statistics
import sys
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from html import escape
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from staff.redact import redact  # noqa: E402
from staff.usage import (  # noqa: E402
    FEEDBACK_INTENTS,
    Message,
    by_conversation,
    messages_of_period,
    period_parser,
    write_owner_only,
)

DEFAULT_OUTPUT = Path("results") / "report.html"
STYLE = """
body { font: 15px/1.45 system-ui, Arial, sans-serif; max-width: 980px; margin: 24px auto; }
body { padding: 0 16px; color: #111; }
table { border-collapse: collapse; margin: 8px 0 20px; }
td, th { border: 1px solid #bbb; padding: 4px 10px; text-align: left; }
th { background: #eee; } figure { margin: 8px 0 24px; } svg { max-width: 100%; height: auto; }
.muted { color: #555; }
"""


def svg(figure: plt.Figure) -> str:
    """The figure as inline SVG (no external file), closed afterwards."""
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = out.getvalue()
    return text[text.index("<svg") :]


def per_day_chart(messages: list[Message], first: date, last: date) -> str:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    per_day = Counter(m.at.date() for m in messages)
    conversations = Counter({})
    for sender_messages in by_conversation(messages).values():
        conversations[sender_messages[0].at.date()] += 1
    figure, axis = plt.subplots(figsize=(9, 2.8))
    axis.bar(days, [per_day[d] for d in days], color="#8fb3d9", label="messages")
    axis.plot(
        days, [conversations[d] for d in days], color="#1f4e79", marker="o", label="conversations"
    )
    axis.set_title("Messages and conversations per day (UTC)")
    axis.yaxis.get_major_locator().set_params(integer=True)
    axis.legend(loc="upper left")
    figure.autofmt_xdate()
    return svg(figure)


def topics_chart(messages: list[Message]) -> str:
    counts = Counter(m.answer for m in messages).most_common(15)
    figure, axis = plt.subplots(figsize=(9, 0.35 * max(len(counts), 3) + 1))
    axis.barh(
        [label for label, _ in reversed(counts)], [n for _, n in reversed(counts)], color="#1f4e79"
    )
    axis.set_title("Answers by topic (the 15 most asked)")
    axis.xaxis.get_major_locator().set_params(integer=True)
    return svg(figure)


def escalations_chart(messages: list[Message]) -> str:
    hours = range(24)
    figure, axis = plt.subplots(figsize=(9, 2.6))
    for offset, kind, colour in ((-0.2, "emergency", "#b03a2e"), (0.2, "self_harm", "#6c3483")):
        per_hour = Counter(m.at.hour for m in messages if m.escalation == kind)
        axis.bar(
            [h + offset for h in hours], [per_hour[h] for h in hours], 0.4, color=colour, label=kind
        )
    axis.set_xticks(list(hours))
    axis.yaxis.get_major_locator().set_params(integer=True)
    axis.set_title("Red-flag and self-harm escalations by hour of day (UTC)")
    axis.legend(loc="upper left")
    return svg(figure)


def _rate(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else "0"


def summary_rows(messages: list[Message]) -> list[tuple[str, str]]:
    conversations = by_conversation(messages)
    lengths = [len(m) for m in conversations.values()]
    total = len(messages)
    feedback = Counter(FEEDBACK_INTENTS[m.answer] for m in messages if m.answer in FEEDBACK_INTENTS)
    return [
        ("Conversations", str(len(conversations))),
        ("Patient messages", str(total)),
        (
            "Median conversation length (messages)",
            f"{statistics.median(lengths):g}" if lengths else "0",
        ),
        ("Answers ending with the handoff", _rate(sum(m.handed_off for m in messages), total)),
        (
            '"Did you mean" (unsure)',
            _rate(sum(m.answer == "nlu_fallback" for m in messages), total),
        ),
        ("Out of scope", _rate(sum(m.answer == "out_of_scope" for m in messages), total)),
        ("Red-flag escalations", str(sum(m.escalation == "emergency" for m in messages))),
        ("Self-harm escalations", str(sum(m.escalation == "self_harm" for m in messages))),
        ("Answers that failed (action server)", str(sum(m.failed for m in messages))),
        ("Feedback: helpful / not helpful", f"{feedback['helpful']} / {feedback['not helpful']}"),
    ]


def unanswered_rows(messages: list[Message]) -> list[tuple[str, int, str]]:
    """Redacted unanswered messages, de-duplicated, most frequent first."""
    counts: Counter[str] = Counter()
    likeliest: dict[str, str] = {}
    for m in messages:
        if m.unanswered and m.escalation is None:
            text = redact(" ".join(m.text.split()))
            counts[text] += 1
            likeliest.setdefault(text, ", ".join(f"{label} {p:.2f}" for label, p in m.likeliest))
    return [(text, n, likeliest[text]) for text, n in counts.most_common()]


def build_report(messages: list[Message], first: date, last: date) -> str:
    table = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in summary_rows(messages)
    )
    unanswered = unanswered_rows(messages)
    listed = (
        "".join(
            f"<tr><td>{escape(text)}</td><td>{n}</td><td>{escape(labels)}</td></tr>"
            for text, n, labels in unanswered
        )
        or "<tr><td colspan='3'>None in this period.</td></tr>"
    )
    charts = (
        per_day_chart(messages, first, last) + topics_chart(messages) + escalations_chart(messages)
        if messages
        else "<p>No conversations in this period.</p>"
    )
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Assistant report {first} to {last}</title><style>{STYLE}</style></head><body>
<h1>Assistant report: {first} to {last}</h1>
<p class="muted">From the tracker store, generated {made}.
Escalations are counted, never quoted.</p>
<table>{table}</table>
<figure>{charts}</figure>
<h2>Unanswered messages ({len(unanswered)})</h2>
<p class="muted">"Did you mean", out of scope and "I can't answer that", with personal details
redacted; the two likeliest answers show what the bot thought. <code>make export-unanswered</code>
writes them for labelling.</p>
<table><tr><th>Message (redacted)</th><th>Times</th><th>Likeliest answers</th></tr>{listed}</table>
</body></html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = period_parser(__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    found = messages_of_period(args, "make report")
    if found is None:
        return 2
    first, last, messages = found
    write_owner_only(args.output, build_report(messages, first, last))
    print(f"report for {first} to {last}: {len(messages)} messages, written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
