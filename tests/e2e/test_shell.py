"""Staff shell: `make shell` (scripts/run_servers.sh --shell), used as a person would."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pexpect
import pytest

from tests.support.channel_fixtures import ANSWER_MARK, HANDOFF_MARK, QUESTION
from tests.support.servers import (
    MODEL,
    PROJECT_ROOT,
    START_TIMEOUT_SECONDS,
    TEST_CLINIC,
    free_port,
    write_endpoints,
)

pytestmark = pytest.mark.e2e

PROMPT = "Your input ->"
ANSI_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain(text: str) -> str:
    """`text` without colour codes, on one line."""
    return " ".join(ANSI_ESCAPES.sub("", text).split())


def test_staff_shell_answers_hands_off_and_stops(tmp_path: Path) -> None:
    rasa_port, action_port = free_port(), free_port()
    endpoints = write_endpoints(tmp_path, f"http://127.0.0.1:{action_port}/webhook")
    env = {
        **os.environ,
        **TEST_CLINIC,
        "PYTHONPATH": str(PROJECT_ROOT),
        "RASA_MODEL": str(MODEL),
        "RASA_ENDPOINTS": str(endpoints),
        "TERM": "dumb",
    }
    shell = pexpect.spawn(
        str(PROJECT_ROOT / "scripts" / "run_servers.sh"),
        ["--shell", str(rasa_port), str(action_port)],
        cwd=PROJECT_ROOT,
        env=env,
        encoding="utf-8",
        timeout=START_TIMEOUT_SECONDS,
        dimensions=(40, 200),
    )
    shell.logfile_read = io.StringIO()
    try:
        shell.expect_exact(PROMPT)
        shell.sendline(QUESTION)
        shell.expect(r"healthcare provider[^\n]*\n")
        shown = plain(shell.logfile_read.getvalue().split(QUESTION, 1)[1])
        assert ANSWER_MARK in shown.lower(), shown
        assert HANDOFF_MARK in shown.lower(), shown
        assert TEST_CLINIC["CLINIC_NAME"] in shown
        shell.sendline("/stop")
        shell.expect(pexpect.EOF, timeout=60)
    finally:
        shell.close(force=True)
    assert shell.exitstatus == 0, shell.exitstatus
