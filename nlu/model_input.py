"""The one string the answer model reads: the previous answer, a separator, then the message."""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import TfidfVectorizer

SEPARATOR = "\x1f"  # between the previous answer and the message in one model input
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")  # a word of a lower-cased message


def model_input(previous: str, text: str) -> str:
    """The one string the model reads: the previous answer, then the message."""
    return f"{previous}{SEPARATOR}{text}"


def input_parts(document: str) -> tuple[str, str]:
    """The previous answer and the message of a model input."""
    previous, text = document.split(SEPARATOR, 1)
    return previous, text


def message_text(document: str) -> str:
    """The message part of a model input, lower-cased (what every feature reads)."""
    return input_parts(document)[1].lower()


def char_ngrams() -> TfidfVectorizer:
    """Character 2- to 4-grams of the message alone (typos, word parts), for the answer and part
    models alike."""
    return TfidfVectorizer(
        analyzer="char_wb",
        preprocessor=message_text,
        ngram_range=(2, 4),
        sublinear_tf=True,
        min_df=2,
    )
