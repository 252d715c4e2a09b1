"""Words OCR damaged in a scanned table's cells: abbreviations misread by one letter, award names run together.

"LUTT", "LĐỊT" and "TILĐTT" in a scanned award table are "LĐTT" and "TTLĐTT" with one letter misread;
the award patterns match exact tokens and miss them, and the row's counts are lost. A word one edit
(substitution, insertion or deletion) from exactly one abbreviation of `patterns/ocr_words.json`
is replaced by it, padded with spaces so that the text keeps its length and every span stays valid; so is
a word every letter of which looks like the abbreviation's ("LOII" for "LĐTT").
The edit distance is rapidfuzz's (already the matcher's dependency).
A row label whose words OCR ran together ("Chiến sỹ thiđuacơ sở") names the award whose phrase it holds
once spaces are dropped (`glued_award`).
"""

from __future__ import annotations

import functools
import json
import re

from rapidfuzz.distance import Levenshtein

from thidua.core.units import fold_keep_length
from thidua.extractors.nlp import PATTERNS_DIR, _read_jsonl, glued_capitals

#: A word: a run of letters.
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Specks OCR leaves before a word ("¿..CSTĐCGS", ".TTILĐTT") and after it (not punctuation that belongs
#: to the text, such as a comma or a closing bracket).
_SPECKS_BEFORE = frozenset(".,'`¿¡~_^ˆ\"“‘*!")
_SPECKS_AFTER = frozenset("`¿¡~_^ˆ*")


@functools.cache
def _vocabulary() -> tuple[int, tuple[str, ...], frozenset[str]]:
    """(minimum length, target abbreviations, words never repaired) from patterns/ocr_words.json."""
    data = json.loads((PATTERNS_DIR / "ocr_words.json").read_text(encoding="utf-8"))
    return int(data["min_length"]), tuple(data["targets"]), frozenset(w.upper() for w in data["keep"])


#: Letters Tesseract confuses with each other in capitals, read as one shape: Đ/D/O, T/I/l.
_SHAPES = str.maketrans({"Đ": "O", "D": "O", "Ð": "O", "Ơ": "O", "Ô": "O", "T": "I", "l": "I", "Ì": "I", "Í": "I"})


def _mostly_capitals(word: str) -> bool:
    """At least three quarters of the letters are capitals ("LUTT", "TILĐTT"; not "Lượt")."""
    return sum(ch.isupper() for ch in word) * 4 >= len(word) * 3


#: Two runs of capitals OCR parted with one space ("CSTĐC S", "LĐ TT").
_SPLIT_CAPITALS = re.compile(r"(?<!\w)([A-ZĐ]{2,5}) ([A-ZĐ]{1,3})(?!\w)")


def repair_abbreviations(text: str) -> str:
    """`text` with each misread abbreviation replaced (same length; unchanged when nothing is near).

    Specks OCR left on the abbreviation ("¿..CSTĐCGS", ".TTILĐTT") become spaces, so that it is a token.
    """
    min_length, targets, keep = _vocabulary()
    # "CSTĐC S": OCR split an abbreviation of the vocabulary with a space; joined (the space moves after it)
    text = _SPLIT_CAPITALS.sub(lambda m: m.group(1) + m.group(2) + " " if (m.group(1) + m.group(2)).upper() in targets else m.group(0), text)
    out = text
    for m in _WORD.finditer(text):
        word = m.group()
        if (cut := glued_capitals(word)) and cut >= min_length:
            # "UBNItỉnh": the abbreviation glued to the next word (the tokenizer splits them) is repaired alone
            word, end_of_word = word[:cut], m.start() + cut
        else:
            end_of_word = m.end()
        upper = word.upper()
        if len(word) < min_length or not _mostly_capitals(word) or upper in keep:
            continue
        if upper in targets:
            near = [upper]
        else:
            near = [t for t in targets if len(t) >= min_length and abs(len(t) - len(upper)) <= 1 and Levenshtein.distance(upper, t) == 1]
        if not near:
            # every letter misread as one that looks like it ("LOII" for "LĐTT"): equal once read by shape
            near = [t for t in targets if len(t) == len(upper) and t.translate(_SHAPES) == upper.translate(_SHAPES)]
        if len(near) != 1 or len(near[0]) > len(word):
            continue  # none, several, or one longer than the room the word leaves
        start, end = m.start(), end_of_word
        while start > 0 and text[start - 1] in _SPECKS_BEFORE:
            start -= 1
        while end < len(text) and end == m.end() and text[end] in _SPECKS_AFTER:
            end += 1
        if (start > 0 and not text[start - 1].isspace()) or (end < len(text) and end == m.end() and not text[end].isspace()):
            start, end = m.start(), end_of_word  # specks inside a longer token ("QĐ-UBND"): the word alone
        out = out[:start] + near[0].ljust(end - start) + out[end:]
    return out


#: Shorter keys ("ldtt", "bangkhen") sit inside too many other run-together words to be trusted.
_MIN_GLUED_KEY = 10


def _expand(pattern: list[dict]) -> list[str] | None:
    """Every folded spelling, spaces dropped, of a token pattern of plain words (None for any other pattern)."""
    spellings = [""]
    for spec in pattern:
        value = next((spec[k] for k in ("NORM", "LOWER", "ORTH", "TEXT") if k in spec), None)
        options = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
        if not options or spec.get("OP") not in (None, "?"):
            return None
        options = [_key(o) for o in options] + ([""] if spec.get("OP") == "?" else [])
        spellings = [s + o for s in spellings for o in options]
    return spellings


def _key(text: str) -> str:
    """Folded, lower case, letters and digits only: how a phrase reads once OCR ran its words together."""
    return re.sub(r"[^a-z0-9]", "", fold_keep_length(text).lower())


@functools.cache
def _glued_keys() -> tuple[tuple[str, str | None], ...]:
    """(key, award id or None for an honour that is no metric) of every award phrase, longest first."""
    keys: dict[str, str | None] = {}
    for entry in _read_jsonl(PATTERNS_DIR / "awards.jsonl"):
        if entry["label"] not in ("AWARD", "OTHER_HONOUR"):
            continue
        pattern = entry["pattern"]
        spellings = [_key(pattern)] if isinstance(pattern, str) else _expand(pattern) or []
        for k in spellings:
            if len(k) >= _MIN_GLUED_KEY:
                keys.setdefault(k, entry["id"] if entry["label"] == "AWARD" else None)
    return tuple(sorted(keys.items(), key=lambda kv: -len(kv[0])))


def glued_award(label: str) -> str | None:
    """The award a scanned row label names with its words run together ("Chiến sỹ thiđuacơ sở"), or None.

    The longest award phrase found in the label, spaces and marks dropped, decides; an honour that is no
    metric ("Chiến sĩ thi đua toàn quốc") gives None.
    """
    flat = _key(label)
    return next((award for k, award in _glued_keys() if k in flat), None)


@functools.cache
def _recipient_keys() -> dict[str, str]:
    """Recipient phrases ("cá nhân", "hộ gia đình"), spaces dropped, of five letters or more."""
    keys: dict[str, str] = {}
    for entry in _read_jsonl(PATTERNS_DIR / "awards.jsonl"):
        if entry["label"] == "RECIPIENT" and isinstance(entry["pattern"], str) and len(k := _key(entry["pattern"])) >= 5:
            keys.setdefault(k, entry["id"])
    return keys


def glued_recipient(header: str) -> str | None:
    """The recipient a scanned column header names with a space OCR put inside a word ("Cá nhâ n") or one
    letter misread or lost ("Tậ thể"), or None."""
    key = _key(header)
    if (found := _recipient_keys().get(key)) is not None:
        return found
    near = {r for k, r in _recipient_keys().items() if len(key) >= 5 and abs(len(k) - len(key)) <= 1 and Levenshtein.distance(key, k) == 1}
    return near.pop() if len(near) == 1 else None
