"""Unicode -> TCVN3 (ABC, TCVN 5712:1993 VN3) encoder for generating legacy-font test documents.

The table is the public ABC mapping used by the .VnTime/.VnTimeH fonts: each precomposed
Vietnamese letter is one byte 0xA1..0xFE; Word keeps those bytes as the Latin-1 characters of the
same code (so "Cộng hòa" is stored as "Céng hßa"). TCVN3 has no code for capital letters carrying
a tone mark; typists set such words in .VnTimeH, an all-capitals font drawn from the lowercase codes.
"""

from __future__ import annotations

import unicodedata

_LOWER = {
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ă": 0xA8, "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "â": 0xA9, "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "đ": 0xAE,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ê": 0xAA, "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ô": 0xAB, "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ơ": 0xAC, "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ư": 0xAD, "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}
_UPPER = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}
TABLE = {**_LOWER, **_UPPER}


def can_encode(ch: str) -> bool:
    """True when `ch` has a code in the .VnTime (normal) font."""
    return ord(ch) < 0x80 or ch in TABLE


def encode_char(ch: str) -> str:
    """One character as the Latin-1 character Word stores for its TCVN3 byte."""
    if ord(ch) < 0x80:
        return ch
    if ch in TABLE:
        return chr(TABLE[ch])
    raise ValueError(f"no TCVN3 code for {ch!r}")


def encode_normal(text: str) -> list[tuple[str, str]]:
    """Encode body text as runs [(font, chars)]: .VnTime, and .VnTimeH for words with toned capitals."""
    text = unicodedata.normalize("NFC", text)
    runs: list[tuple[str, str]] = []
    for word in _split_keep_spaces(text):
        if all(can_encode(c) for c in word):
            font, enc = ".VnTime", "".join(encode_char(c) for c in word)
        else:
            font, enc = ".VnTimeH", encode_caps(word)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + enc)
        else:
            runs.append((font, enc))
    return runs


def encode_caps(text: str) -> str:
    """Encode text for .VnTimeH: toned capitals take the code of their lowercase letter."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        if ord(c) < 0x80:
            out.append(c)
        elif c in TABLE and c in _UPPER:
            out.append(chr(_LOWER[c.lower()]))  # .VnTimeH draws lowercase codes as capitals
        else:
            out.append(encode_char(c.lower()))
    return "".join(out)


def _split_keep_spaces(text: str) -> list[str]:
    """Split into words and the whitespace between them, keeping both."""
    parts, cur = [], ""
    for c in text:
        if c.isspace() != (cur[-1:].isspace() if cur else c.isspace()):
            parts.append(cur)
            cur = ""
        cur += c
    if cur:
        parts.append(cur)
    return parts
