"""`make shell`: the staff shell. Chat with the trained bot in the terminal, in-process (no
servers); under each reply one dim line says why: the answer chosen and its confidence, the
runner-up, the article sentences behind the reply, and the safety rule or gate that decided.

Commands: a number picks that button; /why explains the last reply in full; /restart starts a new
conversation; /stop (or Ctrl-D) leaves.
"""

from __future__ import annotations

import sys
import time
import uuid
from typing import TextIO

from settings import apply_env_file
from staff.explain import explanation, full_explanation
from staff.inprocess import Turn, ask, load_bot

DIM, RESET = "\x1b[2m", "\x1b[0m"
PROMPT = "Your input ->  "


def show(turn: Turn, out: TextIO, colour: bool) -> list[dict]:
    """Print the replies, numbered buttons and the explanation; return the buttons offered."""
    buttons: list[dict] = []
    for reply in turn.replies:
        out.write(reply.text + "\n")
        for button in reply.buttons:
            buttons.append(button)
            out.write(f"  {len(buttons)}: {button.get('title', '')}\n")
    line = f"  why: {explanation(turn)}"
    out.write((f"{DIM}{line}{RESET}" if colour else line) + "\n")
    return buttons


def main(stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    apply_env_file()
    started = time.perf_counter()
    bot = load_bot()
    colour = out.isatty()
    out.write(
        f"Staff shell ready in {time.perf_counter() - started:.1f} s. Type a message; "
        "a number picks a button; /why explains the last reply; /restart; /stop.\n"
    )
    sender, last, buttons = f"staff-{uuid.uuid4().hex}", None, []
    while True:
        out.write(PROMPT)
        out.flush()
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if text in ("/stop", "/quit", "/exit"):
            break
        if text == "/why":
            out.write((full_explanation(last) if last else "Nothing asked yet.") + "\n")
            continue
        if text == "/restart":
            sender, last, buttons = f"staff-{uuid.uuid4().hex}", None, []
            out.write("New conversation.\n")
            continue
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1].get("payload", text)
        if not text:
            continue
        last = ask(bot, sender, text)
        buttons = show(last, out, colour)
    out.write("Bye.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
