"""Write the effective credentials file: credentials.yml plus each messaging channel that is set up.

A messaging channel is included when all of its variables (channels/__init__.py, README) are set in
the environment or in `.env`; the environment wins. `${VAR}` in credentials.yml would abort the
start-up when a variable is unset, so the values are written here instead, into a file only the
owner can read. Usage: PYTHONPATH=. python scripts/credentials.py OUTPUT.yml
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

from channels import MESSAGING_CHANNELS
from settings import PROJECT_ROOT, project_environment


def effective_credentials(env: Mapping[str, str]) -> dict:
    """credentials.yml plus the credentials of every channel whose variables are all set."""
    credentials = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text()) or {}
    for channel in MESSAGING_CHANNELS:
        channel_credentials = channel.credentials(env)
        if channel_credentials is not None:
            credentials[channel.class_path] = channel_credentials
    return credentials


def write_credentials(output: Path, env: Mapping[str, str]) -> list[str]:
    """Write the effective credentials to `output` (mode 600); return the enabled channels."""
    credentials = effective_credentials(env)
    output.touch(mode=0o600)
    output.chmod(0o600)
    # JSON is YAML whose strings are all quoted, so Rasa expands no `${...}` inside a secret.
    output.write_text(json.dumps(credentials, indent=2))
    return [channel.name for channel in MESSAGING_CHANNELS if channel.class_path in credentials]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    enabled = write_credentials(Path(sys.argv[1]), project_environment())
    print(f"Messaging channels: {', '.join(enabled) or 'none (see README)'}", file=sys.stderr)
