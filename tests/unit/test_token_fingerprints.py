"""Tokens get a stable fingerprint that changes whenever the token does."""

from __future__ import annotations

import subprocess
import sys

from rasa.nlu.tokenizers.tokenizer import Token

from rasa_fixes.token_fingerprints import RASA_FINGERPRINT, fingerprint
from settings import PROJECT_ROOT


def token(**changes: object) -> Token:
    fields = {"text": "necks", "start": 3, "end": 8, "lemma": "neck", "data": {"pos": "NOUN"}}
    return Token(**{**fields, **changes})


def test_the_same_token_gets_the_same_fingerprint() -> None:
    assert token().fingerprint() == token().fingerprint()
    assert (
        token(data={"pos": "NOUN", "x": 1}).fingerprint()
        == token(data={"x": 1, "pos": "NOUN"}).fingerprint()
    )


def test_any_change_changes_the_fingerprint() -> None:
    fingerprints = {
        token().fingerprint(),
        token(text="neck").fingerprint(),
        token(start=4).fingerprint(),
        token(end=9).fingerprint(),
        token(lemma="necks").fingerprint(),
        token(data={}).fingerprint(),
        token(data={"pos": "VERB"}).fingerprint(),
        token(data={"pos": "NOUN", "count": 1}).fingerprint(),
        token(data={"pos": "NOUN", "count": True}).fingerprint(),
        token(data={"pos": "NOUN", "count": "1"}).fingerprint(),
    }
    assert len(fingerprints) == 10


def test_the_fingerprint_is_the_same_in_another_process() -> None:
    code = (
        "import rasa_fixes; rasa_fixes.install()\n"
        "from tests.unit.test_token_fingerprints import token\n"
        "print(token().fingerprint())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert other.stdout.split()[-1] == token().fingerprint()


def test_a_token_with_other_data_keeps_rasas_fingerprint() -> None:
    unusual = token(data={"vector": [0.5, 1.5]})
    assert unusual.fingerprint() == RASA_FINGERPRINT(unusual)
    assert unusual.fingerprint() != token(data={"vector": [0.5, 2.5]}).fingerprint()


def test_rasa_uses_the_fingerprint() -> None:
    assert Token.fingerprint is fingerprint
