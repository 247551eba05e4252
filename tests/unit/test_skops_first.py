"""Every process that loads a model imports skops before TensorFlow, where skops starts in about
1 s instead of 7 (rasa_fixes/__init__.py); a process that meets the fixes later leaves it alone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from settings import PROJECT_ROOT

PRINT_IMPORT_ORDER = (
    "import importlib, sys\n"
    "for name in sys.argv[1:]:\n"
    "    importlib.import_module(name)\n"
    "print('\\n'.join(sys.modules))\n"
)
# The servers and `rasa train`, the staff tools, and the tests and benches (tests/support/agent.py)
MODEL_LOADERS = ["rasa_fixes.__main__", "staff.shell", "staff.ask", "tests.support.agent"]


def import_order(*modules: str) -> list[str]:
    """The modules a fresh interpreter has loaded after importing `modules`, in the order their
    imports began."""
    result = subprocess.run(
        [sys.executable, "-c", PRINT_IMPORT_ORDER, *modules],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.split()


@pytest.mark.parametrize("entry_point", MODEL_LOADERS)
def test_model_loaders_import_skops_before_tensorflow(entry_point: str) -> None:
    order = import_order(entry_point)
    assert order.index("skops.io") < order.index("tensorflow")


def test_a_process_that_imports_the_fixes_after_tensorflow_does_not_import_skops() -> None:
    assert "skops.io" not in import_order("tensorflow", "rasa_fixes")
