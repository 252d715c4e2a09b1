"""Counts as Vietnamese reports write them: '05', '1.780' (a dot groups thousands); never '11,9' or '45%'.

Hand-written on purpose: a count is an integer token already isolated by the tokenizer, and the
strict three-digit grouping is the whole rule. Babel's parse_decimal (strict=True, locale "vi")
accepts decimals ("1,0", "11,9") and ungrouped runs of any length, which are never counts of
awards, so a check after it would be longer than this pattern.
"""

from __future__ import annotations

import re

_COUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d{1,5}$")
_NOISE = re.compile(r"[|\s]")


def count_value(text: str) -> int | None:
    """A cell or token as a count: '05' -> 5, '1.780' -> 1780; anything else (%, dates, 11,9) -> None."""
    t = _NOISE.sub("", text)
    if not _COUNT.match(t):
        return None
    return int(t.replace(".", ""))


# Vietnamese number words one to ten ("hai tập thể", "một cá nhân"); callers accept them only
# directly before a recipient or an award, since "năm" is also "year".
_WORDS = {
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10,
}


def spelled_count(word: str) -> int | None:
    """A spelled-out number from one to ten ('hai' -> 2), lower-case NFC text; anything else -> None."""
    return _WORDS.get(word)
