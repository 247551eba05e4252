"""Sparse features get a stable fingerprint that changes whenever the features do."""

from __future__ import annotations

import numpy as np
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from scipy.sparse import coo_matrix, csr_matrix

from rasa_fixes.feature_fingerprints import RASA_FINGERPRINT, fingerprint

COUNTS = np.array([[0, 2, 0], [1, 0, 0]])


def sparse(matrix: np.ndarray, kind: str = FEATURE_TYPE_SEQUENCE, origin: str = "words") -> str:
    return Features(coo_matrix(matrix), kind, TEXT, origin).fingerprint()


def test_the_same_features_get_the_same_fingerprint() -> None:
    assert sparse(COUNTS) == sparse(COUNTS.copy())
    assert (
        sparse(COUNTS)
        == Features(csr_matrix(COUNTS).tocoo(), FEATURE_TYPE_SEQUENCE, TEXT, "words").fingerprint()
    )


def test_any_change_changes_the_fingerprint() -> None:
    moved = np.array([[0, 0, 2], [1, 0, 0]])
    other_value = np.array([[0, 3, 0], [1, 0, 0]])
    wider = np.array([[0, 2, 0, 0], [1, 0, 0, 0]])
    fingerprints = {
        sparse(COUNTS),
        sparse(moved),
        sparse(other_value),
        sparse(wider),
        sparse(COUNTS.astype(float)),
        sparse(COUNTS, kind=FEATURE_TYPE_SENTENCE),
        sparse(COUNTS, origin="characters"),
    }
    assert len(fingerprints) == 7


def test_dense_features_keep_rasas_fingerprint() -> None:
    features = Features(np.ones((2, 3)), FEATURE_TYPE_SENTENCE, TEXT, "dense")
    assert features.fingerprint() == RASA_FINGERPRINT(
        Features(np.ones((2, 3)), FEATURE_TYPE_SENTENCE, TEXT, "dense")
    )


def test_rasa_uses_the_fingerprint() -> None:
    assert Features.fingerprint is fingerprint
