"""Write the current article hash of each referenced sentence into the response files.

Run after writing or changing a reference, and after reading a changed article sentence and
checking that the answers resting on it are still right:
    .venv/bin/python -m content.stamp_refs
A reference is written in flow style: {section: "Preparation", sentences: [1, 3]}; this adds or
refreshes `sha: [...]`. A reference that does not resolve is reported and left alone.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from content.answers import response_files
from content.article import Article, ReferenceError, load_article

_REF = re.compile(
    r'\{section: "(?P<section>[^"]+)", sentences: \[(?P<numbers>[0-9, ]+)\](?:, sha: \[[^\]]*\])?\}'
)


def stamp(text: str, article: Article) -> tuple[str, list[str]]:
    """`text` with every reference's hashes refreshed, and the references that did not resolve."""
    errors: list[str] = []

    def refresh(match: re.Match) -> str:
        section = match["section"]
        numbers = [int(n) for n in match["numbers"].split(",") if n.strip()]
        try:
            shas = [article.sentence(section, n).sha for n in numbers]
        except ReferenceError as error:
            errors.append(str(error))
            return match[0]
        listed = ", ".join(str(n) for n in numbers)
        quoted = ", ".join(f'"{sha}"' for sha in shas)
        return f'{{section: "{section}", sentences: [{listed}], sha: [{quoted}]}}'

    return _REF.sub(refresh, text), errors


def main(paths: list[Path]) -> int:
    article = load_article()
    failed = False
    for path in paths:
        text = path.read_text(encoding="utf-8")
        stamped, errors = stamp(text, article)
        for error in errors:
            print(f"{path}: {error}", file=sys.stderr)
        failed |= bool(errors)
        if stamped != text:
            path.write_text(stamped, encoding="utf-8")
            print(f"stamped {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(response_files()))
