"""Unicode clean-up for Vietnamese text: NFC, one tone placement, folded keys for comparison."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement puts the mark on the second vowel of "oa", "oe", "uy" at the end of
# a syllable ("hoà", "thuý"); the new style (Decree 30 texts, most current fonts) puts it on the
# first ("hòa", "thúy"). Readers emit the new style so one spelling matches every variant.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot
_PAIRS = ("oa", "oe", "uy")
_WORD = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


def _new_style_tone(word: str) -> str:
    """Move an old-style tone mark in one syllable ("hoà" -> "hòa", "thuý" -> "thúy")."""
    nfd = unicodedata.normalize("NFD", word)
    if len(nfd) < 3 or nfd[-1] not in _TONE_MARKS:
        return word
    tone, base = nfd[-1], nfd[:-1]
    if base[-2:].lower() not in _PAIRS:
        return word
    if base[-2:].lower() == "uy" and base[-3:-2].lower() == "q":  # "quý": qu is a consonant
        return word
    return unicodedata.normalize("NFC", base[:-1] + tone + base[-1])


#: Eth (U+00D0/U+00F0), which OCR and some fonts give for Vietnamese Đ/đ (U+0110/U+0111).
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def normalize_text(text: str) -> str:
    """NFC, new-style tone placement, single spaces, the look-alike "Ð" (Eth, as OCR reads "Đ") as "Đ"; line breaks are kept."""
    out = _WORD.sub(lambda m: _new_style_tone(m.group(0)), unicodedata.normalize("NFC", text).translate(_ETH))
    out = _SPACES.sub(" ", out)
    return out.replace("\r\n", "\n").replace("\r", "\n").strip(" ")


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics ("Hòa An" -> "Hoa An"); đ becomes d."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D").replace("\u00f0", "d").replace("\u00d0", "D")


def fold(text: str) -> str:
    """A comparison key: normalized, lower case, no diacritics, single spaces."""
    return " ".join(strip_diacritics(normalize_text(text)).lower().split())


_ONSETS = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})


def _starts_syllable(pair: str) -> bool:
    """Whether a capital and the lower-case letter after it can open a Vietnamese syllable ("Ch", "Tố", not "Tn")."""
    folded = fold(pair).lower()
    return len(folded) == 2 and (folded[1] in "aeiouy" or folded in _ONSETS)


def glued_parts(word: str) -> list[str]:
    """A word OCR or a typist glued from several ("BKChútịchUBND" -> "BK", "Chú", "tịch", "UBND";
    "LĐTTnăm" -> "LĐTT", "năm"), or [word]. Cuts: after a run of capitals, before the last of them when it
    opens the lower-case syllable after it ("BKChú", "GKTống"), else after all of them ("UBNDtỉnh"); and
    before capitals after a syllable, when two letters or more follow ("tịchUBND", "BộNN"; not "ThS", "ThS.")."""
    if len(word) < 4 or not word[0].isalpha():
        return [word]
    cuts: list[int] = []
    i, n = 0, len(word)
    while i < n:
        j = i
        while j < n and word[j].isupper():
            j += 1
        caps = j - i
        k = j
        while k < n and word[k].islower():
            k += 1
        lower = k - j
        if caps >= 3 and lower >= 1 and _starts_syllable(word[j - 1 : j + 1]):
            cuts.append(j - 1)  # "BKChú", "BKBộ": the last capital opens the syllable
        elif caps >= 2 and lower >= 2:
            cuts.append(j)  # "LĐTTnăm", "UBNDtỉnh"
        if lower >= 1 and k < n and word[k].isupper() and sum(ch.isalpha() for ch in word[k:]) >= 2 and (caps + lower >= 2):
            cuts.append(k)
        if k == i:
            k += 1  # a digit or a mark: go on
        i = k
    cuts = sorted({c for c in cuts if 0 < c < n})
    if not cuts:
        return [word]
    bounds = [0, *cuts, n]
    return [word[a:b] for a, b in zip(bounds, bounds[1:])]
