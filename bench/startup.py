"""Seconds from launch until the trained model is ready: the Rasa server, and a model loaded
in-process (the staff tools, the hold-out tests).

Usage: make bench-startup, or PYTHONPATH=. python bench/startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.servers import BIN, MODEL, PROJECT_ROOT, free_port, rasa_server

LOAD_IN_PROCESS = (
    "import time; start = time.monotonic()\n"
    "from tests.support.agent import load_agent\n"
    "load_agent()\n"
    "print(time.monotonic() - start)\n"
)


def server_start() -> float:
    """Seconds until a new Rasa server answers on its REST channel."""
    with tempfile.TemporaryDirectory() as workdir:
        started = time.monotonic()
        with rasa_server(Path(workdir), f"http://127.0.0.1:{free_port()}/webhook"):
            return time.monotonic() - started


def in_process_load() -> float:
    """Seconds from a new interpreter's start until `load_agent` has the model."""
    result = subprocess.run(
        [str(BIN / "python"), "-c", LOAD_IN_PROCESS],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="starts per row (median shown)")
    args = parser.parse_args()
    if not MODEL.exists():
        sys.exit("no trained model: run `make train` first")
    print(f"{'start':<26}{'median of ' + str(args.runs):>16}")
    rows = {"Rasa server answering": server_start, "model loaded in-process": in_process_load}
    for label, measure in rows.items():
        print(f"{label:<26}{statistics.median(measure() for _ in range(args.runs)):>15.1f}s")


if __name__ == "__main__":
    main()
