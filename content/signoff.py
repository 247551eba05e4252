"""Clinical sign-off of answer versions (review/signoff.yml) and each answer's status against it."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from content.answers import Answer, load_answers
from settings import PROJECT_ROOT

SIGNOFF_FILE = PROJECT_ROOT / "review" / "signoff.yml"
SIGNED, CHANGED, UNSIGNED = "signed", "changed since sign-off", "not signed off"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignOff:
    answer: str
    version: str
    by: str
    date: str


def load_signoffs(path: Path = SIGNOFF_FILE) -> list[SignOff]:
    """The sign-offs in file order; an entry missing a field is reported and skipped."""
    if not path.is_file():
        return []
    try:
        entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("signoffs") or []
    except (yaml.YAMLError, AttributeError) as error:
        logger.warning(
            "review/signoff.yml is not readable, so no answer counts as signed: %s", error
        )
        return []
    signoffs = []
    for entry in entries:
        try:
            signoffs.append(SignOff(*(str(entry[k]) for k in ("answer", "version", "by", "date"))))
        except (KeyError, TypeError):
            logger.warning(
                "review/signoff.yml: skipped an entry without answer, version, by and date: %s",
                entry,
            )
    return signoffs


def status(answer: Answer, signoffs: list[SignOff]) -> tuple[str, SignOff | None]:
    """SIGNED (this version), CHANGED (an earlier version was signed) or UNSIGNED, and the
    latest sign-off of this answer."""
    mine = [s for s in signoffs if s.answer == answer.name]
    current = [s for s in mine if s.version == answer.version]
    if current:
        return SIGNED, current[-1]
    return (CHANGED, mine[-1]) if mine else (UNSIGNED, None)


def unsigned_count(answers: tuple[Answer, ...] | None = None, path: Path = SIGNOFF_FILE) -> int:
    signoffs = load_signoffs(path)
    return sum(status(a, signoffs)[0] != SIGNED for a in answers or load_answers())


def warning_line() -> str | None:
    """The one line `make run` logs when answers lack a clinician's sign-off of this version."""
    answers = load_answers()
    missing = unsigned_count(answers)
    if not missing:
        return None
    return (
        f"WARNING: {missing} of {len(answers)} answers are not signed off by a clinician in this "
        "version (make review; review/signoff.yml)"
    )


if __name__ == "__main__":
    line = warning_line()
    if line:
        print(line, file=sys.stderr)
