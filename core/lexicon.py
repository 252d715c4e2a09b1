"""The one lexicon of general administrative wording (core/lexicon.json) and a cluster's own additions.

The report extractor (action verbs, status adverbs, goal words) and matching (stopwords,
paraphrases, plan verbs, cues) read the same file. A cluster's own wording (its name, phrases
that only its plans use) lives in its units file, in an optional `[lexicon]` table:

    [lexicon]
    paraphrases = [{ canonical = "ban hanh quy che", variants = ["ky * giao uoc"] }]
    abbreviations = { "cdtd" = "cum thi dua" }

Those are added to the general groups (a variant joins the group of the same canonical phrase,
and leaves any other general group: for that cluster, its own meaning wins). A phrase may belong
to one paraphrase group only: a second group is a ConfigError naming the file.
"""

from __future__ import annotations

import copy
import functools
import json
import tomllib
from pathlib import Path
from typing import Any

from thidua.core.errors import ConfigError
from thidua.core.text import fold

LEXICON_FILE = Path(__file__).with_name("lexicon.json")


@functools.cache
def general_lexicon(path: Path = LEXICON_FILE) -> dict[str, Any]:
    """The general lexicon as read from JSON (do not modify the result); ConfigError names a broken file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("không tìm thấy tệp từ vựng chung", path) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"tệp từ vựng chung sai cú pháp JSON ({exc})", path) from None
    if not isinstance(data, dict):
        raise ConfigError("tệp từ vựng chung phải là một đối tượng JSON", path)
    check_groups(data.get("paraphrases", {}).get("groups", []), path)
    return data


def words(lexicon: dict[str, Any], key: str) -> list[str]:
    """The word list of one group of the lexicon (empty when the group is absent)."""
    return list(lexicon.get(key, {}).get("words", []))


def check_groups(groups: list[dict[str, Any]], path: Path) -> None:
    """Raise ConfigError when a folded phrase is a variant of two paraphrase groups."""
    owner: dict[str, str] = {}
    for group in groups:
        try:
            canonical = fold(group["canonical"])
            variants = {fold(v) for v in [group["canonical"], *group.get("variants", [])]}
        except (KeyError, TypeError, AttributeError):
            raise ConfigError("một nhóm từ đồng nghĩa thiếu 'canonical' hoặc 'variants'", path) from None
        for variant in variants:
            other = owner.setdefault(variant, canonical)
            if other != canonical:
                raise ConfigError(f"cụm từ '{variant}' thuộc hai nhóm đồng nghĩa ('{other}' và '{canonical}')", path)


def cluster_lexicon(units_file: Path | None) -> dict[str, Any]:
    """The `[lexicon]` table of a units file ({} when the file or the table is absent)."""
    if units_file is None:
        return {}
    try:
        data = tomllib.loads(Path(units_file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"tệp danh sách đơn vị sai cú pháp TOML ({exc})", units_file) from None
    table = data.get("lexicon", {})
    if not isinstance(table, dict):
        raise ConfigError("mục [lexicon] phải là một bảng", units_file)
    return table


def merged_lexicon(units_file: Path | None = None, general: Path = LEXICON_FILE) -> dict[str, Any]:
    """The general lexicon with a cluster's own paraphrases and abbreviations added (a new dict)."""
    data = copy.deepcopy(general_lexicon(general))
    extra = cluster_lexicon(units_file)
    if not extra:
        return data
    groups: list[dict[str, Any]] = data.setdefault("paraphrases", {}).setdefault("groups", [])
    by_canonical = {fold(g["canonical"]): g for g in groups}
    check_groups(list(extra.get("paraphrases", [])), Path(units_file or general))
    for group in extra.get("paraphrases", []):
        if not isinstance(group, dict) or "canonical" not in group:
            raise ConfigError("một nhóm [lexicon].paraphrases thiếu 'canonical'", units_file or general)
        # The cluster's meaning of a phrase wins: its variants leave the general groups.
        own = {fold(v) for v in group.get("variants", [])}
        for other in groups:
            if fold(other["canonical"]) != fold(group["canonical"]):
                other["variants"] = [v for v in other.get("variants", []) if fold(v) not in own]
        known = by_canonical.get(fold(group["canonical"]))
        if known is not None:
            known["variants"] = [*known.get("variants", []), *group.get("variants", [])]
        else:
            new = {"canonical": group["canonical"], "variants": list(group.get("variants", []))}
            groups.append(new)
            by_canonical[fold(new["canonical"])] = new
    abbreviations = extra.get("abbreviations", {})
    if not isinstance(abbreviations, dict):
        raise ConfigError("[lexicon].abbreviations phải là một bảng", units_file or general)
    data.setdefault("abbreviations", {}).setdefault("map", {}).update(abbreviations)
    check_groups(groups, Path(units_file or general))
    return data
