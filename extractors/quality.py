"""Text quality measures for readers: character accuracy of extracted text against a transcript."""

from __future__ import annotations

import unicodedata

from rapidfuzz.distance import Levenshtein


def comparable_text(text: str) -> str:
    """NFC text with every run of whitespace (spaces, tabs, line breaks) made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def character_accuracy(expected: str, actual: str) -> float:
    """1 - (character edit distance / length of the expected text), on whitespace-normalized text.

    The usual OCR measure (1 - CER): 1.0 is a perfect reading, 0.0 as many errors as characters.
    Layout whitespace is ignored (tabs, line breaks and runs of spaces count as one space); case
    and diacritics count.
    """
    exp, act = comparable_text(expected), comparable_text(actual)
    if not exp:
        return 1.0 if not act else 0.0
    return max(0.0, 1.0 - Levenshtein.distance(exp, act) / len(exp))
