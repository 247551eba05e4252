"""Sparse features fingerprinted from their arrays' bytes, not from their text.

`rasa train` fingerprints every node's inputs and outputs for its training cache, and the
featurized training data is most of them: every sparse feature matrix of every message. Rasa
writes each matrix out as text, a `(row, column)  value` line per non-zero entry, then hashes the
text; py-spy found nearly half of the featurizers' share of training there. Hashing the matrix's
shape, type and coordinate arrays as bytes tells the same matrices apart, about fifty times
quicker on a matrix of 900 entries. A fingerprint only has to match one made the same way: a
cache entry written by plain Rasa is simply not reused. Dense features keep Rasa's own.
"""

from __future__ import annotations

import hashlib

import numpy as np
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.utils.io import deep_container_fingerprint
from scipy.sparse import spmatrix

RASA_FINGERPRINT = Features.fingerprint


def sparse_matrix_digest(matrix: spmatrix) -> str:
    """Shape, type and a hash of the coordinates and values of `matrix`'s non-zero entries."""
    entries = matrix.tocoo()
    digest = hashlib.md5(usedforsecurity=False)
    for array in (entries.row, entries.col, entries.data):
        digest.update(np.ascontiguousarray(array).tobytes())
    return f"{entries.shape} {entries.dtype} {digest.hexdigest()}"


def fingerprint(self: Features) -> str:
    """What `Features.fingerprint` gives: a stable string that changes with the features."""
    if self.is_dense():
        return RASA_FINGERPRINT(self)
    if self._cached_fingerprint is None:
        self._cached_fingerprint = deep_container_fingerprint(
            [self.type, self.origin, self.attribute, sparse_matrix_digest(self.features)]
        )
    return self._cached_fingerprint


# What install() replaces: (owner, attribute), checked by rasa_fixes before anything is replaced
REPLACED = ((Features, "fingerprint"),)


def install() -> None:
    """Make Rasa use the fingerprint above."""
    Features.fingerprint = fingerprint
