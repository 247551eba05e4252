"""The project's settings: its root, `.env` (python-dotenv) under the real environment, and the
values read from them with safe defaults. The one place `.env` is read: the action server, the
Rasa server's session start, the scripts and (through `python -m settings`) run_servers.sh.

A missing value silently takes its default; a malformed one takes its default with one warning in
the log. Nothing here ever raises on bad configuration: the bot must keep answering patients.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path

from dotenv import dotenv_values

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = PROJECT_ROOT / ".env"
# The clinic's copy of the source article: kept outside the repository, found through ARTICLE_PATH
ARTICLE_VARIABLE = "ARTICLE_PATH"
DEFAULT_ARTICLE = PROJECT_ROOT.parent / "shared" / "source" / "botox-cervical-dystonia-article.txt"
MAX_VALUE_LENGTH = 120
FEEDBACK_VARIABLE = "FEEDBACK_BUTTONS"  # 1: "Helpful" / "Not helpful" under each answer
ACTION_TIMEOUT_VARIABLE = "ACTION_TIMEOUT_SECONDS"
DEFAULT_ACTION_TIMEOUT_SECONDS = 10
MAX_ACTION_TIMEOUT_SECONDS = 300  # Rasa's own default

_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{1,30}$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_TEXT = re.compile(r"^[^\x00-\x1f\x7f<>{}]+$")


def _is_phone(value: str) -> bool:
    return bool(_PHONE.match(value))


def _is_url(value: str) -> bool:
    return bool(_URL.match(value))


def _is_text(value: str) -> bool:
    return bool(_TEXT.match(value))


@dataclass(frozen=True)
class ClinicSettings:
    """What the bot says about the clinic; field names are the template variables of responses."""

    clinic_name: str = "your clinic"
    clinic_phone: str = "its usual phone number"
    booking_url: str = "its website"
    emergency_number: str = "your local emergency number"
    crisis_line: str = "a local crisis line or your local emergency number"

    def template_values(self) -> dict[str, str]:
        """The values as keyword arguments for `dispatcher.utter_message`."""
        return asdict(self)


ENV_VARIABLES: dict[str, str] = {
    "clinic_name": "CLINIC_NAME",
    "clinic_phone": "CLINIC_PHONE",
    "booking_url": "CLINIC_BOOKING_URL",
    "emergency_number": "EMERGENCY_NUMBER",
    "crisis_line": "CRISIS_LINE",
}

VALIDATORS: dict[str, Callable[[str], bool]] = {
    "clinic_name": _is_text,
    "clinic_phone": _is_phone,
    "booking_url": _is_url,
    "emergency_number": _is_phone,
    "crisis_line": _is_text,
}


def env_file_values(env_file: Path | None = ENV_FILE) -> dict[str, str]:
    """The values set in `env_file` (none if it is missing or unreadable)."""
    if env_file is None or not env_file.is_file():
        return {}
    try:
        return {k: v for k, v in dotenv_values(env_file).items() if v is not None}
    except (OSError, UnicodeDecodeError) as error:
        logger.warning("Could not read %s (%s); using the defaults.", env_file, error)
        return {}


def project_environment(env_file: Path | None = ENV_FILE) -> dict[str, str]:
    """`env_file` overlaid with the real environment (the environment wins)."""
    return {**env_file_values(env_file), **os.environ}


def apply_env_file(env_file: Path | None = ENV_FILE) -> None:
    """Puts the values of `env_file` into this process's environment, where not already set
    (so Rasa fills `${VAR}` in the endpoints file from them)."""
    for name, value in env_file_values(env_file).items():
        os.environ.setdefault(name, value)


def _read_sources(
    env_file: Path | None, variables: Iterable[str] = ENV_VARIABLES.values()
) -> dict[str, str | None]:
    """The values of `variables` from `env_file` and the environment."""
    environment = project_environment(env_file)
    return {name: environment[name] for name in variables if name in environment}


def article_path(env_file: Path | None = ENV_FILE) -> Path:
    """Where the clinic's source article is: `ARTICLE_PATH`, else beside the project."""
    configured = project_environment(env_file).get(ARTICLE_VARIABLE, "").strip()
    return Path(configured) if configured else DEFAULT_ARTICLE


def load_settings(env_file: Path | None = ENV_FILE) -> ClinicSettings:
    """Build settings from `env_file` and the environment; bad values fall back to defaults."""
    raw = _read_sources(env_file)
    chosen: dict[str, str] = {}
    for field in fields(ClinicSettings):
        variable = ENV_VARIABLES[field.name]
        value = (raw.get(variable) or "").strip()
        if not value:
            continue
        if len(value) <= MAX_VALUE_LENGTH and VALIDATORS[field.name](value):
            chosen[field.name] = value
        else:
            logger.warning(
                "Ignoring malformed %s=%r; using the default %r.", variable, value, field.default
            )
    return ClinicSettings(**chosen)


@lru_cache(maxsize=1)
def get_settings() -> ClinicSettings:
    """The settings of this process, read once."""
    return load_settings()


def load_action_timeout(env_file: Path | None = ENV_FILE) -> int:
    """How many seconds the Rasa server waits for a custom action (`ACTION_TIMEOUT_SECONDS`)."""
    raw = (
        _read_sources(env_file, [ACTION_TIMEOUT_VARIABLE]).get(ACTION_TIMEOUT_VARIABLE) or ""
    ).strip()
    if not raw:
        return DEFAULT_ACTION_TIMEOUT_SECONDS
    if raw.isdigit() and 1 <= int(raw) <= MAX_ACTION_TIMEOUT_SECONDS:
        return int(raw)
    logger.warning(
        "Ignoring malformed %s=%r (whole seconds, 1-%d); using %d.",
        ACTION_TIMEOUT_VARIABLE,
        raw,
        MAX_ACTION_TIMEOUT_SECONDS,
        DEFAULT_ACTION_TIMEOUT_SECONDS,
    )
    return DEFAULT_ACTION_TIMEOUT_SECONDS


@lru_cache(maxsize=4)
def load_feedback_buttons(env_file: Path | None = ENV_FILE) -> bool:
    """Whether answers offer "Helpful" / "Not helpful" buttons (`FEEDBACK_BUTTONS=1`; off by
    default), read once per process like the clinic settings. Anything but 1/0 (or true/false,
    yes/no, on/off) is logged and taken as off."""
    raw = (_read_sources(env_file, [FEEDBACK_VARIABLE]).get(FEEDBACK_VARIABLE) or "").strip()
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() not in ("", "0", "false", "no", "off"):
        logger.warning(
            "Ignoring malformed %s=%r (1 or 0); feedback buttons stay off.", FEEDBACK_VARIABLE, raw
        )
    return False
