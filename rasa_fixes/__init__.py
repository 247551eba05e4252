"""Changes to Rasa's own code, written for one Rasa version and installed from here only.

- `speedups`: three pieces of work Rasa repeats on every message, done once (same results).
- `token_fingerprints`: the training cache fingerprints tokens from one hash of one line per
  token, not one per field (the same cache, quicker).
- `parallel_training`: `rasa train` runs the graph's independent nodes side by side, one thread
  per core (the same model; the answer and red-flag models train two at a time).
- `early_training`: the models that read only the examples' text and labels (answer, red-flag,
  part-of-answer) start training beside spaCy's pass over the data, not after it (the same models).
- `session_start`: every conversation starts in the Rasa server, not on the action server, and
  Rasa waits `ACTION_TIMEOUT_SECONDS` for a custom action, not five minutes.

Run Rasa through `python -m rasa_fixes <rasa arguments>` (the Makefile and scripts do), or call
`install()` before loading a model in-process. `install()` refuses any Rasa version other than
`RASA_VERSION` and any Rasa whose replaced attributes are missing, so an upgrade cannot leave a
fix silently dead. The dialogue policy calls `require_installed()` when a model loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rasa

from rasa_fixes import (
    early_training,
    parallel_training,
    session_start,
    speedups,
    token_fingerprints,
)

RASA_VERSION = "3.6.21"
FIXES = (
    speedups,
    token_fingerprints,
    parallel_training,
    early_training,
    session_start,
)
_installed = False


class RasaFixError(RuntimeError):
    """The fixes cannot be installed on this Rasa, or were not installed."""


def check(
    version: str = rasa.__version__,
    replaced: Iterable[tuple[Any, str]] = (pair for fix in FIXES for pair in fix.REPLACED),
) -> None:
    """Raises unless `version` is the one the fixes were written for and every attribute they
    replace exists."""
    if version != RASA_VERSION:
        raise RasaFixError(
            f"rasa_fixes were written for Rasa {RASA_VERSION}, not {version}: review each fix"
            " against the new Rasa source, then update RASA_VERSION"
        )
    missing = [
        f"{getattr(owner, '__name__', owner)}.{name}"
        for owner, name in replaced
        if not hasattr(owner, name)
    ]
    if missing:
        raise RasaFixError(f"Rasa no longer has {', '.join(missing)}: rasa_fixes need a review")


def install() -> None:
    """Checks this Rasa, then installs every fix (once)."""
    global _installed
    if _installed:
        return
    check()
    for fix in FIXES:
        fix.install()
    _installed = True


def installed() -> bool:
    return _installed


def require_installed(component: str) -> None:
    """Stops a model from loading in a Rasa without the fixes (a plain `rasa run`)."""
    if not _installed:
        raise RasaFixError(
            f"{component} needs this project's Rasa fixes: run Rasa as"
            " `.venv/bin/python -m rasa_fixes <arguments>` (make run does), or call"
            " rasa_fixes.install() before loading the model"
        )
