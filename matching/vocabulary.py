"""Vietnamese text to match features: folded syllables, n-grams and paraphrases, from data files.

Both sides of a match (a plan item's content and a report's statement) go through the same steps:
NFC and one tone placement, dates and document numbers removed, abbreviations expanded
("TĐKT" -> "thi đua khen thưởng"), unit names removed (they say who, not what), then folded
syllables (no diacritics, lower case) with stopwords dropped give unigram and bigram features.
A paraphrase group whose variant occurs adds its canonical phrase, so "sơ kết giữa năm" and
"sơ kết 6 tháng" share features. The word lists live in the one lexicon, core/lexicon.json, plus
the `[lexicon]` table of the cluster's units file (thidua.core.lexicon).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from thidua.core.errors import ConfigError
from thidua.core.dates import DATE_MENTION
from thidua.core.lexicon import LEXICON_FILE, merged_lexicon, words
from thidua.core.text import fold, normalize_text

#: Up to this many words may stand in for a "*" in a paraphrase variant.
GAP_WORDS = 6

_WORD = re.compile(r"[^\W_]+")
_CLAUSE = re.compile(r"[,;:.!?()\[\]\"“”‘’'«»\n]+")
# "số 35/KH-UBND", "1254/BC-UBND", "Quyết định 598/QĐ-UBND": they name a document, not a task.
_DOC_NUMBER = re.compile(r"\b(?:số\s*)?\d+\s*/\s*[^\W\d_][\w.\-–]*", re.IGNORECASE)
_DATE = DATE_MENTION  # one set of date patterns for every stage: thidua.core.dates
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The word lists and patterns matching uses (see core/lexicon.json)."""

    stopwords: frozenset[str]
    #: Everyday administrative syllables that weigh little (matching adds document-frequent ones).
    everyday: frozenset[str]
    #: (folded words, expansion words), longest first.
    abbreviations: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    #: (canonical words, variants as word tuples where "*" is a gap).
    groups: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]
    #: Regular expressions (folded text) saying the statement reports the cluster head's action.
    head_cues: tuple[str, ...]
    #: Verbs plan items start with ("ban hanh", "to chuc"), longest first.
    actions: tuple[tuple[str, ...], ...] = ()
    #: Words opening a purpose or qualifier clause in a plan item (lower case, with diacritics).
    purpose: tuple[tuple[str, ...], ...] = ()
    #: Phrases starting with a purpose word that are not one ("theo dõi").
    purpose_not: tuple[tuple[str, ...], ...] = ()
    #: Event nouns ("hội nghị", "lễ"): "Tổ chức Hội nghị X" also stands for X, a member's part in it.
    events: tuple[tuple[str, ...], ...] = ()
    #: What a task produces or holds ("báo cáo", "hội nghị", "mô hình"): a statement about one kind is not about another.
    kinds: tuple[tuple[str, ...], ...] = ()
    #: Verbs saying a unit organized an event itself ("to chuc", "chu tri"), folded.
    organizers: tuple[str, ...] = ()
    #: Words joining two tasks inside one plan item ("kết hợp", "đồng thời"), lower case.
    connectors: tuple[str, ...] = ()
    #: A statement opening with one of these before a document name cites it as background.
    background: re.Pattern[str] | None = None

    def strip_background(self, text: str) -> str:
        """The text without a leading citation ("Thực hiện Kế hoạch số ... về ..., "): background is no completion."""
        if self.background is None:
            return text
        return self.background.sub(" ", normalize_text(text), count=1)

    def kinds_in(self, text: str) -> frozenset[str]:
        """The kinds of deliverable or event a text names (folded phrases)."""
        keys = fold(_DOC_NUMBER.sub(" ", text)).split()
        joined = f" {' '.join(keys)} "
        return frozenset(" ".join(k) for k in self.kinds if f" {' '.join(k)} " in joined)

    def event_subject(self, text: str) -> str | None:
        """X of "<action> <event> X" ("ký kết giao ước" of "Tổ chức Hội nghị ký kết giao ước"), or the deliverable
        without its verb ("báo cáo chuyên đề" of "Xây dựng báo cáo chuyên đề"), or the task after a light verb
        ("ký kết giao ước thi đua" of "Tổ chức ký kết giao ước thi đua"), or None."""
        verb = self.leading_action(text)
        if not verb:
            return None
        words = text.split()[len(verb.split()) :]
        keys = [fold(w) for w in words]
        for kind in self.kinds:
            # "Xây dựng báo cáo chuyên đề": the deliverable names the task without the verb.
            if kind not in self.events and tuple(keys[: len(kind)]) == kind and len(words) > len(kind):
                return " ".join(words)
        for event in self.events:
            if tuple(keys[: len(event)]) == event and len(words) - len(event) >= 2:
                return " ".join(words[len(event) :])
        # "Tổ chức ký kết giao ước": a light verb before the task's own verb; the task is "ký kết giao ước".
        inner = self.leading_action(" ".join(words))
        if inner and len(words) - len(inner.split()) >= 2:
            return " ".join(words)
        return None

    def task_core(self, text: str) -> str | None:
        """The words before a purpose clause ("Phát động phong trào thi đua" of "... phấn đấu hoàn thành ..."), or None."""
        words = text.split()
        low = [normalize_text(w).lower() for w in words]
        for i in range(2, len(words)):
            if any(tuple(low[i : i + len(n)]) == n for n in self.purpose_not):
                continue
            for marker in self.purpose:
                if tuple(low[i : i + len(marker)]) == marker:
                    return " ".join(words[:i]).rstrip(" ,;")
        return None

    def leading_action(self, text: str) -> str | None:
        """The action verb a text starts with, in its own spelling, or None."""
        words = text.split()
        keys = tuple(fold(w) for w in words[:4])
        for action in self.actions:
            if keys[: len(action)] == action:
                return " ".join(words[: len(action)])
        return None


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w if w == "*" else _strip_zeros(w) for w in fold(phrase).replace("*", " * ").split())


@functools.cache
def load_vocabulary(units_file: Path | None = None, lexicon_file: Path = LEXICON_FILE) -> Vocabulary:
    """The vocabulary of the general lexicon plus the `[lexicon]` table of a cluster's units file.

    Raises ConfigError naming the broken file.
    """
    lex = merged_lexicon(units_file, lexicon_file)
    try:
        abbreviations = sorted(
            ((_words(k), _words(v)) for k, v in lex["abbreviations"]["map"].items()), key=lambda kv: -len(kv[0])
        )
        groups = tuple(
            (_words(g["canonical"]), tuple(_words(v) for v in dict.fromkeys([g["canonical"], *g["variants"]])))
            for g in lex["paraphrases"]["groups"]
        )
        head_cues = tuple(lex["head_action_cues"]["patterns"])
        for cue in head_cues:
            re.compile(cue.replace("{head}", "x"))
        return Vocabulary(
            stopwords=frozenset(fold(w) for w in words(lex, "stopwords")),
            everyday=frozenset(fold(w) for w in words(lex, "everyday_words")),
            abbreviations=tuple(abbreviations),
            groups=groups,
            head_cues=head_cues,
            actions=tuple(sorted((_words(a) for a in words(lex, "plan_verbs")), key=len, reverse=True)),
            purpose=tuple(tuple(normalize_text(w).lower().split()) for w in words(lex, "purpose_openers")),
            purpose_not=tuple(tuple(normalize_text(w).lower().split()) for w in words(lex, "not_purpose")),
            kinds=tuple(_words(k) for k in words(lex, "deliverable_kinds")),
            events=tuple(sorted((_words(e) for e in words(lex, "events")), key=len, reverse=True)),
            organizers=tuple(fold(w) for w in words(lex, "organizer_verbs")),
            connectors=tuple(normalize_text(w).lower() for w in words(lex, "part_connectors")),
            background=_background_pattern(words(lex, "background_openers"), words(lex, "documents")),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"tệp từ vựng thiếu hoặc sai mục ({exc})", units_file or lexicon_file) from None


def _background_pattern(openers: list[str], documents: list[str]) -> re.Pattern[str] | None:
    """A leading "<opener> <document> ... ," clause (a list marker may come first), case-insensitive."""
    if not openers or not documents:
        return None
    alt = lambda xs: "|".join(re.escape(normalize_text(x).lower()) for x in sorted(xs, key=len, reverse=True))  # noqa: E731
    return re.compile(
        rf"^\W*(?:(?:\d+|[a-zđ])[.)]\s*)?(?:{alt(openers)})\s+(?:(?:các|nội dung)\s+)?(?:{alt(documents)})\b[^,;:]*(?:[,;:]|$)",
        re.IGNORECASE,
    )


def _strip_zeros(word: str) -> str:
    return word.lstrip("0") or "0" if word.isdigit() else word


@dataclass(slots=True)
class TextFeatures:
    """What a text offers to matching: features with the words that gave them, and its folded form."""

    #: Feature -> the text's own words behind it (shown to reviewers as evidence).
    features: dict[str, str] = field(default_factory=dict)
    #: The folded text with unit names kept (for the cue patterns).
    folded: str = ""

    def add(self, feature: str, surface: str) -> None:
        """Record a feature, keeping the first words that gave it."""
        self.features.setdefault(feature, surface)


def _find(pattern: tuple[str, ...], keys: list[str]) -> list[tuple[int, int]]:
    """Occurrences (start, end) of a word pattern with "*" gaps in a list of words."""
    out = []
    n = len(keys)
    for start in range(n):
        pos, ok = start, True
        for i, word in enumerate(pattern):
            if word == "*":
                continue
            if i > 0 and pattern[i - 1] == "*":
                nxt = next((j for j in range(pos, min(n, pos + GAP_WORDS + 1)) if keys[j] == word), None)
                if nxt is None:
                    ok = False
                    break
                pos = nxt + 1
            elif pos < n and keys[pos] == word:
                pos += 1
            else:
                ok = False
                break
        if ok and pattern and pattern[0] != "*":
            out.append((start, pos))
    return out


def _expand(tokens: list[tuple[str, str]], vocab: Vocabulary) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        for abbr, expansion in vocab.abbreviations:
            if tuple(k for k, _ in tokens[i : i + len(abbr)]) == abbr:
                surface = " ".join(s for _, s in tokens[i : i + len(abbr)])
                out.extend((w, surface) for w in expansion)
                i += len(abbr)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _remove_units(tokens: list[tuple[str, str]], unit_keys: tuple[tuple[str, ...], ...]) -> list[list[tuple[str, str]]]:
    """Split a clause where a unit's name stands (the name itself is dropped)."""
    pieces: list[list[tuple[str, str]]] = [[]]
    i = 0
    while i < len(tokens):
        for key in unit_keys:
            if key and tuple(k for k, _ in tokens[i : i + len(key)]) == key:
                pieces.append([])
                i += len(key)
                break
        else:
            pieces[-1].append(tokens[i])
            i += 1
    return [p for p in pieces if p]


def _keep(words: list[tuple[str, str]], vocab: Vocabulary) -> list[tuple[str, str]]:
    kept = []
    for i, (k, s) in enumerate(words):
        if k in vocab.stopwords:
            continue
        if k.isdigit():
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            if not (_YEAR.match(k) or (len(k) <= 2 and nxt == "thang")):
                continue
        kept.append((k, s))
    return kept


def _ngrams(clause: list[tuple[str, str]], vocab: Vocabulary, out: TextFeatures) -> None:
    words = _keep(clause, vocab)
    for k, s in words:
        out.add("u:" + k, s)
    for (k1, s1), (k2, s2) in zip(words, words[1:]):
        out.add(f"b:{k1} {k2}", s1 if s1 == s2 else f"{s1} {s2}")


def text_features(text: str, vocab: Vocabulary, unit_keys: tuple[tuple[str, ...], ...] = ()) -> TextFeatures:
    """The features of a text: unigrams "u:", bigrams "b:" and paraphrase concepts "c:"."""
    out = TextFeatures()
    cleaned = _DATE.sub(" , ", _DOC_NUMBER.sub(" , ", normalize_text(text)))
    folded_clauses = []
    for raw in _CLAUSE.split(cleaned):
        tokens = [(_strip_zeros(fold(m.group(0))), m.group(0)) for m in _WORD.finditer(raw)]
        if not tokens:
            continue
        tokens = _expand(tokens, vocab)
        folded_clauses.append(" ".join(k for k, _ in tokens))
        for piece in _remove_units(tokens, unit_keys):
            keys = [k for k, _ in piece]
            for canonical, variants in vocab.groups:
                for variant in variants:
                    for start, end in _find(variant, keys):
                        surface = " ".join(s for _, s in piece[start:end])
                        out.add("c:" + " ".join(canonical), surface)
                        _ngrams([(w, surface) for w in canonical], vocab, out)
            _ngrams(piece, vocab, out)
    out.folded = " . ".join(folded_clauses)
    return out


def unit_keys(names: list[str]) -> tuple[tuple[str, ...], ...]:
    """Folded word tuples of unit names, longest first."""
    keys = {tuple(fold(n).split()) for n in names if n.strip()}
    return tuple(sorted(keys, key=len, reverse=True))
