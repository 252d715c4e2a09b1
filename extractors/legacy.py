"""Legacy 8-bit Vietnamese encodings (TCVN3, VNI): detection and conversion to Unicode.

Before Unicode, Vietnamese was typed in 8-bit fonts whose glyphs sit on Latin-1 codes. Word and
PDF keep those codes, so a TCVN3 "Cộng hòa" reads as "Céng hßa" and a VNI one as "Coäng hoøa".

- TCVN3 (ABC, TCVN 5712:1993 "VN3"; fonts .VnTime, .VnArial, ...): one byte per precomposed
  lowercase letter (0xA8..0xFE) plus seven capitals (0xA1..0xA7). Toned capitals have no code:
  typists set them in the "H" fonts (.VnTimeH, .VnArialH), which draw every code as a capital.
- VNI (VNI Windows; fonts VNI-Times, VNI-Helve, ...): a base letter followed by one modifier byte
  carrying the circumflex/breve and/or the tone ("eá" = "ế"), plus a few standalone letters
  ("ñ" = "đ", "ö" = "ư", "ô" = "ơ", "ò" = "ị").

The tables below are the public code charts of the two encodings as published with the TCVN
5712:1993 standard and the VNI font package, the same charts Unikey and vietuni use; they are
checked in tests against real TCVN3/VNI files with verified transcripts (shared/realdocs).

Readers convert at the source where they know each run's font (Word runs, PDF characters) and
set `Document.legacy_encoding`; `fix_legacy_encoding` is the fallback for text whose fonts were
unknown, deciding from character statistics.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from thidua.core.document import Document, Paragraph, Table, rescaled
from thidua.core.text import normalize_text

TCVN3 = "tcvn3"
VNI = "vni"

# --- TCVN3 (ABC) code chart: Latin-1 character Word/PDF shows -> Unicode letter ----------------
TCVN3_TABLE: dict[str, str] = {
    # capitals with a code of their own
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
    # a
    "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
    "\u00a8": "ă", "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    "\u00a9": "â", "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
    "\u00ae": "đ",
    # e
    "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
    "\u00aa": "ê", "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
    # i
    "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
    # o
    "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
    "\u00ab": "ô", "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    "\u00ac": "ơ", "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
    # u
    "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
    "\u00ad": "ư", "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
    # y
    "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
    # separate tone marks (rare, TCVN3 0xB0..0xB4)
    "\u00b0": "\u0300", "\u00b1": "\u0309", "\u00b2": "\u0303", "\u00b3": "\u0301", "\u00b4": "\u0323",
}
_TCVN3_TRANS = str.maketrans(TCVN3_TABLE)
#: PDF fonts often name the 0xAD glyph "minus": pdfminer then gives U+2212 for "ư".
_TCVN3_MINUS = "\u2212"

# --- VNI Windows code chart ------------------------------------------------------------------
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
#: Modifier byte -> combining marks, valid after the listed base letters (either case).
VNI_MODIFIERS: dict[str, tuple[str, str]] = {
    # tone only: after any vowel, including ơ and ư
    "ù": (_ACUTE, "aeiouyơư"), "ø": (_GRAVE, "aeiouyơư"), "û": (_HOOK, "aeiouyơư"),
    "õ": (_TILDE, "aeiouyơư"), "ï": (_DOT, "aeiouyơư"),
    # circumflex (+ tone): after a, e, o
    "â": (_CIRC, "aeo"), "á": (_CIRC + _ACUTE, "aeo"), "à": (_CIRC + _GRAVE, "aeo"),
    "å": (_CIRC + _HOOK, "aeo"), "ã": (_CIRC + _TILDE, "aeo"), "ä": (_CIRC + _DOT, "aeo"),
    # breve (+ tone): after a
    "ê": (_BREVE, "a"), "é": (_BREVE + _ACUTE, "a"), "è": (_BREVE + _GRAVE, "a"),
    "ú": (_BREVE + _HOOK, "a"), "ü": (_BREVE + _TILDE, "a"), "ë": (_BREVE + _DOT, "a"),
}
# The uppercase bytes carry the same marks.
VNI_MODIFIERS.update({k.upper(): v for k, v in list(VNI_MODIFIERS.items())})
#: Standalone letters.
VNI_LETTERS: dict[str, str] = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
    "î": "ỵ", "Î": "Ỵ",
}

# --- detection -------------------------------------------------------------------------------
_FONT_PREFIX = re.compile(r"^[A-Z]{6}\+")  # PDF subset tag, "CCBOEA+.VnTime"
#: Characters Unicode Vietnamese never uses but TCVN3 text is full of (á à ả ã ạ đ â ê ô ơ ư ...).
_TCVN3_MARKS = frozenset("¡¢£¤¥¦§¨©ª«¬\u00ad®°±²³´µ¶·¸¹»¼½¾ÆÇÈËÎÏÐÑÒÓÔÕÖ×ØÜÞßåæçëîïñö÷øûüþ")
#: Characters only VNI text has (đ, ư, and tone bytes that are not Vietnamese letters).
_VNI_LETTER_MARKS = frozenset("ñÑöÖøØûÛïÏåÅäÄæÆîÎ")
#: A vowel followed by a circumflex/breve modifier: "aâ" "eá" "oä" "aê" (never Unicode Vietnamese).
_VNI_PAIRS = re.compile(r"[aeoAEO][âÂåÅäÄ]|[eE][áàãÁÀÃ]|[aA][êÊéèúüëÉÈÚÜË]|[ôöÔÖ][ùøûõïÙØÛÕÏ]")
_UNICODE_VIET = re.compile(r"[ăĂđĐơƠưƯ\u1ea0-\u1ef9\u0300-\u0303\u0309\u0323]")
_WORDS = re.compile(r"\S+")
#: «a quoted word» (TCVN3 "«" is ô and "»" is ằ, but a word wrapped in both is a quotation).
_GUILLEMETS = re.compile(r"^«(.*)»([.,;:!?)]*)$")


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name betrays (".VnTime" -> "tcvn3", "VNI-Times" -> "vni")."""
    if not font:
        return None
    name = _FONT_PREFIX.sub("", font.strip()).lower()
    if name.startswith(".vn") or name.startswith("vn") and name[2:3] in ("t", "a", "h") and " " not in name:
        # .VnTime, .VnArial, .VnTimeH; some PDFs drop the leading dot ("VnTime").
        return TCVN3
    if name.startswith("vni-") or name.startswith("vni "):
        return VNI
    return None


def is_capitals_font(font: str | None) -> bool:
    """True for the all-capitals TCVN3 fonts (.VnTimeH, .VnArialH, .VnTimeH,Bold ...)."""
    if not font or font_encoding(font) != TCVN3:
        return False
    family = _FONT_PREFIX.sub("", font.strip()).split(",")[0].split("-")[0].strip()
    return family.endswith("H")


@dataclass(frozen=True, slots=True)
class EncodingEvidence:
    """Character statistics of a text: legacy markers against Unicode Vietnamese letters."""

    tcvn3: int
    vni: int
    unicode: int
    words: int

    def __add__(self, other: "EncodingEvidence") -> "EncodingEvidence":
        return EncodingEvidence(
            self.tcvn3 + other.tcvn3, self.vni + other.vni, self.unicode + other.unicode, self.words + other.words
        )

    def verdict(self, font_hint: str | None = None) -> str | None:
        """The encoding the statistics point to, or None for Unicode (or plain ASCII) text.

        A text is legacy when its markers outnumber Unicode Vietnamese letters and reach one
        word in ten (one in twenty-five when a legacy font is named). The font breaks ties.
        """
        legacy = max(self.tcvn3, self.vni)
        if legacy == 0 or self.unicode >= legacy:
            return None
        density = legacy / max(self.words, 1)
        if density < (0.04 if font_hint else 0.1):
            return None
        if self.tcvn3 > self.vni * 1.5:
            return TCVN3
        if self.vni > self.tcvn3 * 1.5:
            return VNI
        return font_hint or (TCVN3 if self.tcvn3 >= self.vni else VNI)


def evidence(text: str) -> EncodingEvidence:
    """Count TCVN3 and VNI markers and Unicode Vietnamese letters in a text."""
    tcvn3 = 0
    for m in _WORDS.finditer(text):
        w = _GUILLEMETS.sub(r"\1\2", m.group(0))
        # A marker counts inside a word (next to a letter): a lone "©" or "°" does not.
        if any(c in _TCVN3_MARKS for c in w) and sum(c.isalpha() for c in w) >= 2:
            tcvn3 += sum(c in _TCVN3_MARKS for c in w)
    vni = sum(c in _VNI_LETTER_MARKS for c in text) + len(_VNI_PAIRS.findall(text))
    return EncodingEvidence(tcvn3, vni, len(_UNICODE_VIET.findall(text)), len(_WORDS.findall(text)))


def detect_encoding(text: str, font_hint: str | None = None) -> str | None:
    """"tcvn3", "vni" or None (Unicode) for a text, from its characters; the font hint breaks ties."""
    return evidence(text).verdict(font_hint)


# --- conversion ------------------------------------------------------------------------------
def _unpua(text: str) -> str:
    # Word stores text in symbol-charset fonts in the private-use area (U+F0xx = byte xx).
    if any("\uf020" <= c <= "\uf0ff" for c in text):
        return "".join(chr(ord(c) - 0xF000) if "\uf020" <= c <= "\uf0ff" else c for c in text)
    return text


def tcvn3_to_unicode(text: str, capitals: bool = False) -> str:
    """Convert TCVN3 text (as Latin-1 characters) to Unicode; `capitals` for .VnTimeH runs."""
    # Two soft hyphens in a row are Word's optional hyphen next to a TCVN3 "ư" ("ưư" is not Vietnamese).
    out = _unpua(text).replace("\u00ad\u00ad", "\u00ad").translate(_TCVN3_TRANS)
    if _TCVN3_MINUS in out:
        # "ư" drawn from a glyph named "minus": only inside words, a lone "−" stays a minus.
        out = re.sub(r"(?<=\w)\u2212|\u2212(?=\w)", "ư", out)
    out = unicodedata.normalize("NFC", out)
    return out.upper() if capitals else out


def vni_to_unicode(text: str) -> str:
    """Convert VNI text (a base letter followed by modifier bytes) to Unicode."""
    out: list[str] = []
    for ch in _unpua(text):
        mod = VNI_MODIFIERS.get(ch)
        if mod is not None and out:
            prev = out[-1]
            base = unicodedata.normalize("NFD", prev)
            marks_ok = len(base) == 1 or (len(base) == 2 and base[1] == "\u031b")  # ơ/ư carry a horn
            if marks_ok and prev.lower() in mod[1]:
                out[-1] = unicodedata.normalize("NFC", prev + mod[0])
                continue
        out.append(VNI_LETTERS.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def to_unicode(text: str, encoding: str, capitals: bool = False) -> str:
    """Convert text from a legacy encoding ("tcvn3" or "vni") to Unicode."""
    if encoding == TCVN3:
        return tcvn3_to_unicode(text, capitals)
    if encoding == VNI:
        return vni_to_unicode(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def convert_runs(runs: list[tuple[str, str | None]], unicode_fonts_ok: bool = True) -> tuple[str, str | None]:
    """Join runs of (text, font name), converting those set in a legacy font.

    A run in a legacy font whose text already holds Unicode Vietnamese letters was retyped in
    Unicode without changing the font (common in edited old files): it is left as it is.
    Returns the text and the encoding used (None when nothing was converted).
    """
    parts: list[str] = []
    used: str | None = None
    for text, font in runs:
        enc = font_encoding(font)
        if enc and text and not _UNICODE_VIET.search(text):
            converted = to_unicode(text, enc, is_capitals_font(font))
            if converted != text:
                used = used or enc
            text = converted
        elif not enc:
            text = text.replace("\u00ad", "")  # a real soft hyphen: invisible
        parts.append(text)
    return "".join(parts), used


def document_evidence(doc: Document) -> EncodingEvidence:
    """Character statistics over every paragraph and table cell of a document."""
    total = EncodingEvidence(0, 0, 0, 0)
    for text, _ in doc.units_of_text():
        total = total + evidence(text)
    return total


def _font_hint(doc: Document) -> str | None:
    kinds = {font_encoding(f) for f in doc.fonts} - {None}
    return kinds.pop() if len(kinds) == 1 else None


def fix_legacy_encoding(doc: Document) -> Document:
    """Convert a document's text from TCVN3 or VNI to Unicode when it is in one.

    Readers that know each run's font convert at the source and set `legacy_encoding`; this
    handles the rest by character statistics over the whole document, helped by the font names.
    A Unicode file that merely names a legacy font (retyped text) is left alone. Each paragraph
    or cell is converted only if it does not itself look like Unicode Vietnamese.
    """
    if doc.legacy_encoding:
        return doc
    encoding = document_evidence(doc).verdict(_font_hint(doc))
    if encoding is None:
        return doc

    def convert(text: str) -> str:
        ev = evidence(text)
        if ev.unicode and ev.unicode >= max(ev.tcvn3, ev.vni):
            return text
        return normalize_text(to_unicode(text, encoding))

    for block in doc.blocks:
        if isinstance(block, Paragraph):
            before = len(block.text)
            block.text = convert(block.text)
            block.words = rescaled(block.words, before, len(block.text))
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    cell.text = convert(cell.text)
    doc.legacy_encoding = encoding
    doc.warnings.append(
        f"Văn bản dùng bảng mã cũ {'TCVN3 (ABC)' if encoding == TCVN3 else 'VNI'}; "
        "đã chuyển sang Unicode, cần kiểm tra lại chữ có dấu."
    )
    return doc
