"""The NLP stage: the only part of draftlint that imports spaCy (and textstat)."""
