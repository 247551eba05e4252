"""`python -m settings exports`: `export NAME=value` lines, shell-quoted, for each variable set in
`.env` and not in the environment (scripts/run_servers.sh evaluates them)."""

from __future__ import annotations

import os
import shlex
import sys

from settings import env_file_values


def exports() -> str:
    """The export lines for `.env` values the environment does not already set."""
    return "\n".join(
        f"export {name}={shlex.quote(value)}"
        for name, value in env_file_values().items()
        if name not in os.environ
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["exports"]:
        sys.exit("usage: python -m settings exports")
    print(exports())
