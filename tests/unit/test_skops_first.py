"""Every process that loads a model imports skops before TensorFlow, where skops starts in about
1 s instead of 7 (rasa_fixes/__init__.py); a process that meets the fixes later leaves it alone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from settings import PROJECT_ROOT

# Imports the modules named and, as TensorFlow's import begins, prints whether skops is loaded and
# stops there (TensorFlow itself takes seconds to load); prints "None" if TensorFlow never comes.
SKOPS_AT_TENSORFLOW = """
import importlib, importlib.abc, os, sys

class StopAtTensorFlow(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow":
            print("skops.io" in sys.modules, flush=True)
            os._exit(0)

sys.meta_path.insert(0, StopAtTensorFlow())
for name in sys.argv[1:]:
    importlib.import_module(name)
print(None)
"""
# Imports the modules named, then prints every loaded module's name.
PRINT_MODULES = """
import importlib, sys

for name in sys.argv[1:]:
    importlib.import_module(name)
print(*sys.modules)
"""
# The servers and `rasa train`, the staff tools, and the tests and benches (tests/support/agent.py)
MODEL_LOADERS = ["rasa_fixes.__main__", "staff.shell", "staff.ask", "tests.support.agent"]


def run_python(code: str, *modules: str) -> str:
    """What a fresh interpreter prints running `code` with `modules` as its arguments."""
    result = subprocess.run(
        [sys.executable, "-c", code, *modules],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip()


@pytest.mark.parametrize("entry_point", MODEL_LOADERS)
def test_model_loaders_import_skops_before_tensorflow(entry_point: str) -> None:
    assert run_python(SKOPS_AT_TENSORFLOW, entry_point) == "True"


def test_a_process_that_imports_the_fixes_after_tensorflow_does_not_import_skops() -> None:
    assert "skops.io" not in run_python(PRINT_MODULES, "tensorflow", "rasa_fixes").split()
