"""The fixes to Rasa install only on the Rasa they were written for, with every attribute there."""

from __future__ import annotations

import types

import pytest

import rasa_fixes
from dialogue.action_failure_policy import ActionFailurePolicy
from rasa_fixes import RASA_VERSION, RasaFixError, check


def test_this_rasa_is_the_one_the_fixes_were_written_for() -> None:
    check()  # the pinned Rasa: no error
    assert rasa_fixes.installed()  # tests/conftest.py installs them, as `python -m rasa_fixes`


def test_another_rasa_version_is_refused() -> None:
    with pytest.raises(RasaFixError, match="written for Rasa"):
        check(version="3.7.0")
    with pytest.raises(RasaFixError):
        check(version=RASA_VERSION + ".post1")


@pytest.mark.parametrize("fix", rasa_fixes.FIXES, ids=lambda fix: fix.__name__)
def test_a_missing_attribute_is_refused(fix: types.ModuleType) -> None:
    owner, name = fix.REPLACED[0]
    renamed = types.SimpleNamespace(**{f"{name}_renamed": None})
    with pytest.raises(RasaFixError, match="no longer has"):
        check(replaced=[*fix.REPLACED[1:], (renamed, name)])
    assert hasattr(owner, name)


def test_every_fix_names_what_it_replaces() -> None:
    for fix in rasa_fixes.FIXES:
        assert fix.REPLACED, fix.__name__
        check(replaced=fix.REPLACED)


def test_a_model_does_not_load_in_a_rasa_without_the_fixes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rasa_fixes, "_installed", False)
    with pytest.raises(RasaFixError, match="python -m rasa_fixes"):
        ActionFailurePolicy(ActionFailurePolicy.get_default_config(), None, None, None)
