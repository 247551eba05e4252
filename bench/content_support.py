"""How well the faithfulness check's support share separates an answer sentence's own passage
from an unrelated one, at several thresholds (content/checks.py uses SUPPORT_THRESHOLD).

Own: each article-based sentence of every answer against the article sentences it cites.
Unrelated: the same sentence against the cited sentences of each answer that shares no article
section with it. Prints how many own pairs fall below each threshold (they would fail the check)
and how many unrelated pairs reach it (support alone would not catch them).
Usage: .venv/bin/python bench/content_support.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from content.answers import load_answers  # noqa: E402
from content.article import load_article  # noqa: E402
from content.checks import SUPPORT_THRESHOLD, referenced_sentences, support_share  # noqa: E402


def main() -> None:
    article = load_article()
    answers = [a for a in load_answers() if a.source_refs]
    own: list[float] = []
    unrelated: list[float] = []
    for answer in answers:
        passage = referenced_sentences(answer, article)
        sections = {ref["section"] for ref in answer.source_refs}
        for part in answer.article_parts():
            own.append(support_share(part.text, passage))
            for other in answers:
                if not {ref["section"] for ref in other.source_refs} & sections:
                    unrelated.append(support_share(part.text, referenced_sentences(other, article)))
    print("command: .venv/bin/python bench/content_support.py")
    print(f"{len(own)} article-based sentences, {len(unrelated)} unrelated pairings")
    print("| threshold | own below (fail) | unrelated at or above (pass) |")
    print("|---:|---:|---:|")
    for threshold in (0.4, 0.5, 0.55, 0.6, 0.65, 0.7):
        mark = " (used)" if threshold == SUPPORT_THRESHOLD else ""
        below = sum(share < threshold for share in own)
        above = sum(share >= threshold for share in unrelated)
        print(f"| {threshold:.2f}{mark} | {below} | {above} ({above / len(unrelated):.1%}) |")


if __name__ == "__main__":
    main()
