"""Staff shells used as a person would: `make shell` (staff/shell.py, in-process, explains each
reply) and `make rasa-shell` (scripts/run_servers.sh --shell: Rasa's own shell, real servers)."""

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


def spawn(command: Path, args: list[str], env: dict[str, str]) -> pexpect.spawn:
    """A shell command in a pseudo-terminal, with the test clinic, logging what it shows."""
    shell = pexpect.spawn(
        str(command),
        args,
        cwd=PROJECT_ROOT,
        env={**os.environ, **TEST_CLINIC, "PYTHONPATH": str(PROJECT_ROOT), **env},
        encoding="utf-8",
        timeout=START_TIMEOUT_SECONDS,
        dimensions=(40, 250),
    )
    shell.logfile_read = io.StringIO()
    return shell


def test_staff_shell_answers_hands_off_and_stops(tmp_path: Path) -> None:
    rasa_port, action_port = free_port(), free_port()
    endpoints = write_endpoints(tmp_path, f"http://127.0.0.1:{action_port}/webhook")
    env = {"RASA_MODEL": str(MODEL), "RASA_ENDPOINTS": str(endpoints), "TERM": "dumb"}
    shell = spawn(
        PROJECT_ROOT / "scripts" / "run_servers.sh",
        ["--shell", str(rasa_port), str(action_port)],
        env,
    )
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


def test_staff_shell_explains_each_reply(tmp_path: Path) -> None:
    """`make shell`: in-process, no servers; a dim "why" line under each reply, /why in full."""
    env = {"PYTHONWARNINGS": "ignore", "TF_CPP_MIN_LOG_LEVEL": "2", "TERM": "xterm"}  # as make
    shell = spawn(PROJECT_ROOT / ".venv" / "bin" / "python", ["-m", "staff.shell"], env)
    try:
        shell.expect_exact(PROMPT)
        start = plain(shell.logfile_read.getvalue())
        assert start.startswith("Staff shell ready in"), start  # no warnings or log noise first
        shell.sendline(QUESTION)
        shell.expect(r"why: [^\n]*\n")
        shown = plain(shell.logfile_read.getvalue().split(QUESTION, 1)[1])
        assert ANSWER_MARK in shown.lower() and HANDOFF_MARK in shown.lower(), shown
        assert TEST_CLINIC["CLINIC_NAME"] in shown
        assert "\x1b[2m  why: answer " in shell.logfile_read.getvalue()  # dim
        assert re.search(r"why: answer \S+ [01]\.\d\d \| runner-up \S+ [01]\.\d\d", shown), shown
        assert "| article " in shown and "| gate " in shown, shown
        shell.expect_exact(PROMPT)
        shell.sendline("/why")
        shell.expect_exact("replies:")
        shell.expect_exact(PROMPT)
        shell.sendline("I can't breathe properly")
        shell.expect(r"why: [^\n]*\n")
        assert "gate red flag: emergency" in plain(shell.after), shell.after
        shell.expect_exact(PROMPT)
        shell.sendline("/stop")
        shell.expect(pexpect.EOF, timeout=60)
    finally:
        shell.close(force=True)
    assert shell.exitstatus == 0, shell.exitstatus
