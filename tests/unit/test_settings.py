"""Clinic settings from .env: present, absent, malformed."""

from __future__ import annotations

import logging
from dataclasses import fields
from pathlib import Path

import pytest
import yaml

import settings.__main__ as settings_cli
from settings import (
    DEFAULT_ARTICLE,
    ENV_VARIABLES,
    PROJECT_ROOT,
    ClinicSettings,
    article_path,
    env_file_values,
    load_action_timeout,
    load_settings,
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ENV_VARIABLES.values():
        monkeypatch.delenv(variable, raising=False)


def write_env(tmp_path: Path, text: str) -> Path:
    env_file = tmp_path / ".env"
    env_file.write_text(text, encoding="utf-8")
    return env_file


def test_values_come_from_the_env_file(tmp_path: Path) -> None:
    env_file = write_env(
        tmp_path,
        "CLINIC_NAME=Riverside Neurology\nCLINIC_PHONE=+44 20 7946 0000\n"
        "CLINIC_BOOKING_URL=https://riverside.example/book\nEMERGENCY_NUMBER=999\n"
        "CRISIS_LINE=Samaritans on 116 123\n",
    )
    assert load_settings(env_file) == ClinicSettings(
        clinic_name="Riverside Neurology",
        clinic_phone="+44 20 7946 0000",
        booking_url="https://riverside.example/book",
        emergency_number="999",
        crisis_line="Samaritans on 116 123",
    )


def test_missing_file_gives_the_defaults_without_warnings(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert load_settings(tmp_path / "absent.env") == ClinicSettings()
    assert caplog.records == []


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = write_env(tmp_path, "CLINIC_NAME=From File\n")
    monkeypatch.setenv("CLINIC_NAME", "From Environment")
    assert load_settings(env_file).clinic_name == "From Environment"


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("CLINIC_PHONE=call us maybe", "clinic_phone"),
        ("CLINIC_BOOKING_URL=javascript:alert(1)", "booking_url"),
        ("CLINIC_BOOKING_URL=clinic.example/book", "booking_url"),
        ("EMERGENCY_NUMBER=nine-one-one", "emergency_number"),
        ("CLINIC_NAME=<script>alert(1)</script>", "clinic_name"),
        ("CLINIC_NAME={slot_injection}", "clinic_name"),
        ("CRISIS_LINE=" + "x" * 500, "crisis_line"),
    ],
)
def test_malformed_value_falls_back_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, line: str, field: str
) -> None:
    env_file = write_env(tmp_path, "CLINIC_NAME=Good Clinic\n" + line + "\n")
    with caplog.at_level(logging.WARNING):
        settings = load_settings(env_file)
    assert getattr(settings, field) == getattr(ClinicSettings(), field)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert ENV_VARIABLES[field] in warnings[0].getMessage()
    if field != "clinic_name":
        assert settings.clinic_name == "Good Clinic"


def test_unparseable_file_does_not_crash(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_bytes(b"\xff\xfe\x00garbage=\n===\n")
    assert isinstance(load_settings(env_file), ClinicSettings)


def test_blank_values_take_the_defaults(tmp_path: Path) -> None:
    env_file = write_env(tmp_path, "CLINIC_NAME=\nCLINIC_PHONE=   \n")
    assert load_settings(env_file) == ClinicSettings()


def test_domain_slot_defaults_match_the_settings_defaults() -> None:
    """Domain responses use these slots when the action server is down: same safe defaults."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    for field in fields(ClinicSettings):
        assert domain["slots"][field.name]["initial_value"] == field.default


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("", 10), ("3", 3), ("300", 300), ("0", 10), ("301", 10), ("2.5", 10), ("soon", 10)],
)
def test_action_timeout_is_whole_seconds_within_rasas_own_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, seconds: int
) -> None:
    monkeypatch.delenv("ACTION_TIMEOUT_SECONDS", raising=False)
    env_file = write_env(tmp_path, f"ACTION_TIMEOUT_SECONDS={value}\n")
    assert load_action_timeout(env_file) == seconds


def test_the_article_path_comes_from_the_environment_or_sits_beside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARTICLE_PATH", raising=False)
    assert article_path(tmp_path / "missing.env") == DEFAULT_ARTICLE
    env_file = write_env(tmp_path, f"ARTICLE_PATH={tmp_path / 'clinic-copy.txt'}\n")
    assert article_path(env_file) == tmp_path / "clinic-copy.txt"


def test_shell_exports_quote_values_and_leave_the_environment_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = write_env(tmp_path, "CLINIC_NAME=St Mary's Clinic\nCLINIC_PHONE=+1 555\n")
    monkeypatch.setattr(settings_cli, "env_file_values", lambda: env_file_values(env_file))
    monkeypatch.setenv("CLINIC_PHONE", "+44 20")
    assert settings_cli.exports() == "export CLINIC_NAME='St Mary'\"'\"'s Clinic'"
