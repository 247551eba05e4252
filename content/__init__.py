"""The bot's clinical content: the source article, the answers' provenance, their checks and the
clinician's review sheet."""
