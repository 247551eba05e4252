"""Why the bot answered as it did, from a turn's parse and the metadata of its replies: the answer
chosen with its confidence and the runner-up, the article sentences behind the reply, and the
safety rule or gate that decided, if any."""

from __future__ import annotations

from itertools import groupby

from actions.handoff import HANDOFF_RESPONSE
from actions.suggestions import answer_ranking
from nlu.answer_labels import chosen_answer
from nlu.follow_up import READ_AFTER_KEY
from nlu.intent_override import DECIDED_BY_KEY
from safety.red_flags import RED_FLAG_KEY
from staff.inprocess import Reply, Turn


def _spans(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> "1-3, 5"."""
    runs = []
    for _, group in groupby(enumerate(sorted(numbers)), key=lambda pair: pair[1] - pair[0]):
        values = [n for _, n in group]
        runs.append(f"{values[0]}-{values[-1]}" if len(values) > 1 else str(values[0]))
    return ", ".join(runs)


def article_sources(replies: list[Reply]) -> str:
    """The article sections and sentences the replies rest on, or the labels of what is not."""
    refs: dict[str, set[int]] = {}
    labels = set()
    for reply in replies:
        if reply.response == HANDOFF_RESPONSE:
            continue
        for ref in reply.metadata.get("source_refs") or []:
            refs.setdefault(ref.get("section", "?"), set()).update(ref.get("sentences") or [])
        if reply.metadata.get("source"):
            labels.add(reply.metadata["source"].replace("_", " "))
    found = [f"{section} {_spans(sorted(numbers))}" for section, numbers in refs.items()]
    return "; ".join(found + sorted(labels)) or "none"


def gates(parse: dict) -> str:
    """The safety rule or gate that decided the answer, if one did, and the previous answer the
    message was read after."""
    flag = parse.get(RED_FLAG_KEY)
    if flag:
        return f"red flag: {flag.get('kind')} ({flag.get('reason')})"
    decided = [f"{d['by']} -> {d['intent']}" for d in parse.get(DECIDED_BY_KEY) or []]
    intent = (parse.get("intent") or {}).get("name")
    if intent == "nlu_fallback" and not decided:
        decided.append("fallback classifier -> nlu_fallback")
    if parse.get(READ_AFTER_KEY):
        decided.insert(0, f"read as a follow-up to {parse[READ_AFTER_KEY]}")
    return ", ".join(decided) or "none"


def explanation(turn: Turn) -> str:
    """One line: answer (confidence), runner-up, article, gate."""
    ranking = answer_ranking(turn.parse)
    chosen = chosen_answer(turn.parse) or "none"
    confidence = float((turn.parse.get("intent") or {}).get("confidence") or 0.0)
    if ranking and ranking[0][0] == chosen:
        confidence = ranking[0][1]
    runner_up = next(((label, p) for label, p in ranking if label != chosen), None)
    second = f"{runner_up[0]} {runner_up[1]:.2f}" if runner_up else "none"
    return (
        f"answer {chosen} {confidence:.2f} | runner-up {second} | "
        f"article {article_sources(turn.replies)} | gate {gates(turn.parse)}"
    )


def full_explanation(turn: Turn) -> str:
    """`/why`: the line above, the top answers, and each reply with the response it came from."""
    lines = [explanation(turn), "top answers:"]
    lines += [f"  {label:<40} {p:.2f}" for label, p in answer_ranking(turn.parse)[:5]]
    lines.append("replies:")
    for reply in turn.replies:
        source = reply.metadata.get("source") or (
            "article" if reply.metadata.get("source_refs") else "?"
        )
        lines.append(f"  {reply.response or '?'} ({source}): {reply.text[:70]}")
    return "\n".join(lines)
