"""Counts as Vietnamese reports write them: '05', '1.780' (a dot groups thousands); never '11,9' or '45%'.

Hand-written on purpose: a count is an integer token already isolated by the tokenizer, and the
strict three-digit grouping is the whole rule. Babel's parse_decimal (strict=True, locale "vi")
accepts decimals ("1,0", "11,9") and ungrouped runs of any length, which are never counts of
awards, so a check after it would be longer than this pattern.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from thidua.core.lexicon import general_lexicon
from thidua.core.text import fold

_COUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d{1,5}$")
_NOISE = re.compile(r"[|\s]")


def count_value(text: str) -> int | None:
    """A cell or token as a count: '05' -> 5, '1.780' -> 1780; anything else (%, dates, 11,9) -> None."""
    t = _NOISE.sub("", text)
    if not _COUNT.match(t):
        return None
    return int(t.replace(".", ""))


def spelled_count(word: str) -> int | None:
    """A one-word spelled-out number from one to ten ('hai' -> 2), lower-case NFC text; anything else -> None."""
    found = spelled_number([word])
    return found[0] if found is not None and found[1] == 1 else None


@functools.cache
def _number_words(folded: bool) -> dict[str, Any]:
    """The lexicon's number words, folded for a text without diacritics."""
    data = general_lexicon()["number_words"]
    key = fold if folded else (lambda w: w)

    def mapping(name: str) -> dict[str, int]:
        return {key(w): v for w, v in data[name].items()}

    def group(name: str) -> frozenset[str]:
        return frozenset(key(w) for w in data[name])

    return {
        "units": mapping("units"), "after_tens": {**mapping("units"), **mapping("after_tens")},
        "ten": group("ten"), "tens": group("tens"), "hundred": group("hundred"), "zero_tens": group("zero_tens"),
    }


def spelled_number(words: Sequence[str], folded: bool = False) -> tuple[int, int] | None:
    """A spelled-out count at the start of `words` (lower-case NFC syllables, or folded ones when
    `folded`): its value and how many words it takes ('hai mươi ba' -> (23, 3), 'mười lăm' -> (15, 2),
    'một trăm linh năm' -> (105, 4)); None when the first word is no number word.

    Callers accept one only directly before a recipient or an award, since 'năm' is also 'year'."""
    nw = _number_words(folded)
    w = [*words, "", "", "", ""]
    total, i = 0, 0
    hundreds = nw["units"].get(w[0])
    if hundreds is not None and w[1] in nw["hundred"]:
        total, i = hundreds * 100, 2
        if w[2] in nw["zero_tens"] and w[3] in nw["units"]:
            return total + nw["units"][w[3]], 4
    if w[i] in nw["ten"]:
        tens, j = 10, i + 1
    elif w[i] in nw["units"] and w[i + 1] in nw["tens"]:
        tens, j = nw["units"][w[i]] * 10, i + 2
    elif w[i] in nw["units"]:
        return total + nw["units"][w[i]], i + 1
    else:
        return (total, i) if total else None
    if w[j] in nw["after_tens"]:
        return total + tens + nw["after_tens"][w[j]], j + 1
    return total + tens, j
