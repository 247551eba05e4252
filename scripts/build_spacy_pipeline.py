"""Build the blank English spaCy pipeline (tokenizer + lookup lemmatizer) that the NLU uses.

No pretrained spaCy model can be downloaded where this bot is built, so the pipeline is made from
spaCy itself and the lemma tables shipped in `spacy-lookups-data`. Run by `make install`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / ".spacy" / "en_lookup"


def build_pipeline(output: Path = DEFAULT_OUTPUT) -> Path:
    """Create, initialise and save the pipeline; return where it was written."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = "lookup"
    nlp.meta["description"] = "Blank English tokenizer with lookup lemmas (spacy-lookups-data)."
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output


if __name__ == "__main__":
    target = build_pipeline(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
    print(f"spaCy pipeline written to {target}")
