"""Seconds from launch until the trained model is ready: the Rasa server, and a model loaded
in-process (the staff tools, the hold-out tests), as shipped and with skops imported after
TensorFlow, the order a process gets without `rasa_fixes` first (rasa_fixes/__init__.py).

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

# The same start with TensorFlow imported first: rasa_fixes then leaves skops to Rasa's loader.
TENSORFLOW_FIRST = "import tensorflow, runpy; runpy.run_module('rasa_fixes', run_name='__main__')"
LOAD_IN_PROCESS = (
    "import time; start = time.monotonic()\n"
    "{first}"
    "from tests.support.agent import load_agent\n"
    "load_agent()\n"
    "print(time.monotonic() - start)\n"
)
ORDERS = {"skops first (shipped)": False, "skops after TensorFlow": True}  # TensorFlow first?


def server_start(tensorflow_first: bool) -> float:
    """Seconds until a new Rasa server answers on its REST channel."""
    with tempfile.TemporaryDirectory() as workdir:
        started = time.monotonic()
        launcher = ("-c", TENSORFLOW_FIRST) if tensorflow_first else ("-m", "rasa_fixes")
        with rasa_server(
            Path(workdir),
            f"http://127.0.0.1:{free_port()}/webhook",
            launcher=launcher,
        ):
            return time.monotonic() - started


def in_process_load(tensorflow_first: bool) -> float:
    """Seconds from a new interpreter's start until `load_agent` has the model."""
    first = "import tensorflow\n" if tensorflow_first else ""
    result = subprocess.run(
        [str(BIN / "python"), "-c", LOAD_IN_PROCESS.format(first=first)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="starts per cell (median shown)")
    args = parser.parse_args()
    if not MODEL.exists():
        sys.exit("no trained model: run `make train` first")
    print(f"{'start (median of ' + str(args.runs) + ')':<34}" + "".join(f"{o:>26}" for o in ORDERS))
    rows = {"Rasa server answering": server_start, "model loaded in-process": in_process_load}
    for label, measure in rows.items():
        cells = [
            statistics.median(measure(tf_first) for _ in range(args.runs))
            for tf_first in ORDERS.values()
        ]
        print(f"{label:<34}" + "".join(f"{cell:>25.1f}s" for cell in cells))


if __name__ == "__main__":
    main()
