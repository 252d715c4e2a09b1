"""The spaCy pipeline of the report extractor: a syllable tokenizer and rule components registered by name.

The pipeline is described by `extractors/patterns/pipeline.cfg` and its rules live in data files
beside it (cue, period and award patterns) and in the one lexicon of general wording that matching
reads too (core/lexicon.json: action verbs, status adverbs, goal words); this module only defines the
components and builds the `Language` object once per process (`get_nlp`).

Token attributes the rules rely on:
- `LOWER`: the NFC, new-tone-placement lower-case text (readers normalize; see extractors/text.py).
- `NORM`: the folded form (no diacritics, lower case, "đ" -> "d"), so award and period phrases
  match "Hoà"/"Hòa", "HÒA", "chiến sỹ"/"chiến sĩ" and OCR text that lost a mark.
- `Token._.action_verb`: True on the first syllable of an action verb of the lexicon.

Spans the components leave on a Doc: `doc.spans["cues"]` (status markers + proposal, comparison,
contrast and breakdown cues), `doc.spans["periods"]` (period phrases), `doc.ents` (AWARD,
OTHER_HONOUR and RECIPIENT, with the metric key or recipient key in `ent.ent_id_`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from thidua.core.errors import ConfigError
from thidua.core.lexicon import LEXICON_FILE, general_lexicon, words
from thidua.core.text import fold, glued_parts
from thidua.extractors import givers as _givers  # noqa: F401  (registers the thidua_award_givers factory)

PATTERNS_DIR = Path(__file__).with_name("patterns")
PIPELINE_CONFIG = PATTERNS_DIR / "pipeline.cfg"

if not Token.has_extension("action_verb"):
    Token.set_extension("action_verb", default=False)
if not Token.has_extension("action_verb_len"):
    Token.set_extension("action_verb_len", default=0)

#: Cue labels also looked for in folded form in a text written without diacritics ("da gui",
#: "dang hoan thien"): status markers and contrast. Proposal and comparison cues are not, unless
#: their entry says `"folded": true` ("de nghi"): folded, "chờ" (waiting) reads as "cho" (for),
#: which every award line has.
FOLDED_LABELS = frozenset({"DONE", "IN_PROGRESS", "NOT_DONE", "PLANNED", "CONTRAST"})


def is_unaccented(doc: Doc) -> bool:
    """A text written without diacritics: several words and not one letter outside ASCII."""
    letters = [t.text for t in doc if t.is_alpha]
    return len(letters) >= 2 and all(t.isascii() for t in letters)


@functools.lru_cache(maxsize=65536)
def _fold_token(text: str) -> str:
    return fold(text)


def glued_capitals(word: str) -> int:
    """Where an abbreviation ends that OCR or a typist glued to the next word ("LĐTTnăm", "UBNDtỉnh"):
    two capitals or more, then two lower-case letters or more; 0 for any other word ("TTg", "ThS")."""
    if len(word) < 4 or not word[0].isupper() or not word[1].isupper() or word.isupper():
        return 0
    i = 2
    while i < len(word) and word[i].isupper():
        i += 1
    rest = word[i:]
    return i if len(rest) >= 2 and rest.isalpha() and rest.islower() else 0


class FoldingTokenizer:
    """spaCy's rule tokenizer with generic punctuation rules; sets NORM to the folded text."""

    def __init__(self, vocab: Any, abbreviations: Iterable[str]) -> None:
        special = {a: [{"ORTH": a}] for a in abbreviations}
        self.inner = Tokenizer(
            vocab,
            rules=special,
            prefix_search=compile_prefix_regex(TOKENIZER_PREFIXES).search,
            suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES).search,
            # a comma OCR left without its space between a word and a number ("20 CN,09 HGĐ") splits them
            infix_finditer=compile_infix_regex([*TOKENIZER_INFIXES, r"(?<=[^\W\d_]),(?=\d)"]).finditer,
        )

    def __call__(self, text: str) -> Doc:
        """Tokenize one text and fold every token into NORM."""
        doc = self.inner(text)
        glued = [(t, parts) for t in doc if len(parts := glued_parts(t.text)) > 1]
        if glued:
            with doc.retokenize() as retokenizer:
                for token, parts in glued:
                    retokenizer.split(token, parts, heads=[(token, 1)] * len(parts))
        for token in doc:
            token.norm_ = _fold_token(token.text)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize a stream of texts."""
        for text in texts:
            yield self(text)


@spacy.registry.tokenizers("thidua.syllable_tokenizer.v1")
def create_syllable_tokenizer(abbreviations: str):
    """Factory of the syllable tokenizer; `abbreviations` is a JSON file of dotted abbreviations."""
    data = _read_json(Path(abbreviations))

    def make(nlp: Language) -> FoldingTokenizer:
        return FoldingTokenizer(nlp.vocab, data.get("abbreviations", []))

    return make


@spacy.registry.readers("thidua.read_jsonl.v1")
def read_pattern_list(path: str) -> list[dict[str, Any]]:
    """A JSONL pattern file as a list (spaCy's own reader yields a generator, which init rejects)."""
    return _read_jsonl(Path(path))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"không đọc được tệp mẫu ({exc})", path) from None


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return list(srsly.read_jsonl(path))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"không đọc được tệp mẫu ({exc})", path) from None


class ActionVerbs:
    """Marks `Token._.action_verb` on the first syllable of every lexicon verb (phrase match on LOWER,
    on the folded NORM in a text without diacritics) and `Token._.action_verb_len` with its syllables.

    Vietnamese words are syllables apart, so a verb's syllable also sits inside words that are no
    verb ("dự" in "vinh dự", "trình" in "chương trình"): a verb match lying inside a longer match
    of the lexicon's `verbless_compounds` is not a verb.
    """

    def __init__(self, nlp: Language, lexicon: str) -> None:
        data = general_lexicon(Path(lexicon))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.folded = PhraseMatcher(nlp.vocab, attr="NORM")
        # nlp.make_doc tokenizes only (the tokenizer's type is a plain callable to mypy).
        verbs = [nlp.make_doc(v) for v in words(data, "action_verbs")]
        compounds = [nlp.make_doc(v) for v in words(data, "verbless_compounds")]
        for matcher in (self.matcher, self.folded):
            matcher.add("VERB", verbs)
            matcher.add("COMPOUND", compounds)
        self.verb = nlp.vocab.strings["VERB"]

    def __call__(self, doc: Doc) -> Doc:
        """Set the extensions on verb starts that no verbless compound swallows; "tự" before a verb is
        part of it ("tự chấm điểm")."""
        matches = (self.folded if is_unaccented(doc) else self.matcher)(doc)
        compounds = [(s, e) for m, s, e in matches if m != self.verb]
        for match_id, start, end in matches:
            if match_id != self.verb:
                continue
            if any(cs <= start and end <= ce and ce - cs > end - start for cs, ce in compounds):
                continue
            doc[start]._.action_verb = True
            doc[start]._.action_verb_len = max(doc[start]._.action_verb_len, end - start)
        for t in doc[:-1]:
            if t.norm_ == "tu" and t.lower_ in {"tự", "tu"} and doc[t.i + 1]._.action_verb:
                t._.action_verb = True
                t._.action_verb_len = doc[t.i + 1]._.action_verb_len + 1
        return doc


@Language.factory("thidua_action_verbs", default_config={"lexicon": ""})
def make_action_verbs(nlp: Language, name: str, lexicon: str) -> ActionVerbs:
    """Component marking action verbs from the lexicon's `action_verbs` group."""
    return ActionVerbs(nlp, lexicon)


class CueMatcher:
    """Token-pattern Matcher over a JSONL file; matches become labelled spans in `doc.spans[key]`.

    A pattern value `"@name"` is replaced by the word list of group `name` of the lexicon (e.g. "@status_adverbs"),
    so long word lists are kept once. For the DONE cue "hoàn thành" standing alone, a match right
    after a purpose word ("phấn đấu hoàn thành nhiệm vụ") is dropped: that is a goal, not a result.
    """

    def __init__(self, nlp: Language, patterns: str, lexicon: str, spans_key: str) -> None:
        data = general_lexicon(Path(lexicon)) if lexicon else {}
        lists = {key: words(data, key) for key in data if not key.startswith("_")}
        self.purpose = set(lists.get("goal_words", []))
        self.key = spans_key
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.folded = Matcher(nlp.vocab, validate=True)
        for entry in _read_jsonl(Path(patterns)):
            pattern = self._expand(entry["pattern"], lists)
            self.matcher.add(entry["label"], [pattern])
            if entry.get("folded", entry["label"] in FOLDED_LABELS):
                self.folded.add(entry["label"], [self._fold_pattern(pattern)])

    @classmethod
    def _expand(cls, value: Any, lists: dict[str, Any]) -> Any:
        if isinstance(value, str) and value.startswith("@"):
            return lists[value[1:]]
        if isinstance(value, list):
            return [cls._expand(v, lists) for v in value]
        if isinstance(value, dict):
            return {k: cls._expand(v, lists) for k, v in value.items()}
        return value

    @classmethod
    def _fold_pattern(cls, value: Any) -> Any:
        """The pattern on folded NORM instead of LOWER (for text without diacritics)."""
        if isinstance(value, list):
            return [cls._fold_pattern(v) for v in value]
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for k, v in value.items():
                if k == "LOWER":
                    out["NORM"] = {"IN": sorted({fold(x) for x in v["IN"]})} if isinstance(v, dict) and "IN" in v else fold(v)
                else:
                    out[k] = v
            return out
        return value

    def __call__(self, doc: Doc) -> Doc:
        """Add one span per cue start (the longest match at each start)."""
        best: dict[tuple[int, str], int] = {}
        unaccented = is_unaccented(doc)
        matches = list(self.matcher(doc))
        if unaccented and len(self.folded):
            # Folded, a marker may be the first syllable of a verb: "dang ky" is "đăng ký", not "đang ký".
            # (A proposal cue may itself be a verb: "de nghi".)
            matches += [
                m for m in self.folded(doc)
                if doc[m[1]]._.action_verb_len < 2 or doc.vocab.strings[m[0]] not in FOLDED_LABELS
            ]
        purpose = {fold(w) for w in self.purpose} if unaccented else self.purpose
        for match_id, start, end in matches:
            label = doc.vocab.strings[match_id]
            if label == "DONE" and doc[start].norm_ == "hoan" and start > 0:
                if (doc[start - 1].norm_ if unaccented else doc[start - 1].lower_) in purpose:
                    continue
            key = (start, label)
            best[key] = max(best.get(key, end), end)
        doc.spans[self.key] = [Span(doc, s, e, label=lab) for (s, lab), e in sorted(best.items())]
        return doc


@Language.factory("thidua_cues", default_config={"patterns": "", "lexicon": "", "spans_key": "cues"})
def make_cues(nlp: Language, name: str, patterns: str, lexicon: str, spans_key: str) -> CueMatcher:
    """Component finding status, proposal, comparison, contrast and breakdown cues."""
    return CueMatcher(nlp, patterns, lexicon, spans_key)


@Language.factory("thidua_periods", default_config={"patterns": "", "spans_key": "periods"})
def make_periods(nlp: Language, name: str, patterns: str, spans_key: str) -> CueMatcher:
    """Component finding period phrases (quarter, 6 months, 9 months, year, thematic)."""
    return CueMatcher(nlp, patterns, "", spans_key)


_BULLETS = {"-", "+", "•", "–", "*"}


@Language.component("thidua_sentences")
def sentence_boundaries(doc: Doc) -> Doc:
    """Sentence starts: after . ! ? (dotted abbreviations are single tokens) before a capital,
    digit, bullet or quote; and at a bullet or list number that opens a line."""
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
            continue
        prev = doc[i - 1]
        start = False
        if prev.text in {".", "!", "?", "./.", "/."} or prev.text.endswith("\n"):
            start = token.text[:1].isupper() or token.text[:1].isdigit() or token.text in _BULLETS
            if prev.text == "." and i >= 2 and _is_list_number(doc, i - 2):
                start = False  # "2. Ngày ..." or "II. KẾT QUẢ": the dot closes a list number
        elif prev.is_space and "\n" in prev.text:
            start = True
        token.is_sent_start = start
    return doc


def _is_list_number(doc: Doc, i: int) -> bool:
    """Token i is a list number ("2", "II", "a") opening the text or a line."""
    t = doc[i]
    at_line_start = i == 0 or "\n" in doc[i - 1].text or doc[i - 1].text in _BULLETS
    return at_line_start and bool(t.like_num or t.text.upper() in {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"} or (len(t.text) == 1 and t.is_alpha))


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline, built once per process from patterns/pipeline.cfg."""
    config = spacy.util.load_config(PIPELINE_CONFIG, overrides={"paths.patterns": str(PATTERNS_DIR), "paths.lexicon": str(LEXICON_FILE)}, interpolate=True)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    return nlp
