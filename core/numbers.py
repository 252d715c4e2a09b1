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
