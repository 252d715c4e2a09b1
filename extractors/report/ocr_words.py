"""Abbreviations Tesseract misread by one letter in a scanned table's cells, read as the abbreviation.

"LUTT", "LĐỊT" and "TILĐTT" in a scanned award table are "LĐTT" and "TTLĐTT" with one letter misread;
the award patterns match exact tokens and miss them, and the row's counts are lost. A word one edit
(substitution, insertion or deletion) from exactly one abbreviation of `patterns/ocr_words.json`
is replaced by it, padded with spaces so that the text keeps its length and every span stays valid.
The edit distance is written here (ten lines) rather than taken from a library: the words are short.
"""

from __future__ import annotations

import functools
import json
import re

from thidua.extractors.nlp import PATTERNS_DIR

#: A word: letters with the junk OCR glues to them ("¿..CSTĐCGS", ".TTILĐTT").
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.cache
def _vocabulary() -> tuple[int, tuple[str, ...], frozenset[str]]:
    """(minimum length, target abbreviations, words never repaired) from patterns/ocr_words.json."""
    data = json.loads((PATTERNS_DIR / "ocr_words.json").read_text(encoding="utf-8"))
    return int(data["min_length"]), tuple(data["targets"]), frozenset(w.upper() for w in data["keep"])


def _distance(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _mostly_capitals(word: str) -> bool:
    """At least three quarters of the letters are capitals ("LUTT", "TILĐTT"; not "Lượt")."""
    return sum(ch.isupper() for ch in word) * 4 >= len(word) * 3


def repair_abbreviations(text: str) -> str:
    """`text` with each misread abbreviation replaced (same length; unchanged when nothing is near)."""
    min_length, targets, keep = _vocabulary()
    out = text
    for m in _WORD.finditer(text):
        word = m.group()
        upper = word.upper()
        if len(word) < min_length or not _mostly_capitals(word) or upper in targets or upper in keep:
            continue
        near = [t for t in targets if len(t) >= min_length and abs(len(t) - len(upper)) <= 1 and _distance(upper, t) == 1]
        if len(near) != 1 or len(near[0]) > len(word):
            continue  # none, several, or one longer than the room the word leaves
        fixed = near[0].ljust(len(word))
        out = out[: m.start()] + fixed + out[m.end() :]
    return out
