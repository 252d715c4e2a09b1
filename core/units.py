"""The cluster's units (districts) from the units TOML file, and finding them in text."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from thidua.core.errors import ConfigError
from thidua.core.text import fold


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """A member district: its name, role ("head" or "member") and other spellings."""

    name: str
    role: str = "member"
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def keys(self) -> tuple[str, ...]:
        """Folded names to look for in text."""
        return tuple(dict.fromkeys(fold(n) for n in (self.name, *self.aliases)))


def load_units(path: Path) -> list[UnitSpec]:
    """Read the units file; raise ConfigError naming the file when it is wrong."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("không tìm thấy tệp danh sách đơn vị", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"tệp danh sách đơn vị sai cú pháp TOML ({exc})", path) from None
    units = []
    for entry in data.get("unit", []):
        if "name" not in entry:
            raise ConfigError("một đơn vị thiếu trường 'name'", path)
        role = entry.get("role", "member")
        if role not in ("head", "member"):
            raise ConfigError(f"vai trò '{role}' không hợp lệ (head hoặc member)", path)
        units.append(UnitSpec(entry["name"], role, tuple(entry.get("aliases", []))))
    if not units:
        raise ConfigError("danh sách đơn vị rỗng", path)
    if sum(u.role == "head" for u in units) != 1:
        raise ConfigError("cần đúng một đơn vị Trưởng Cụm (role = \"head\")", path)
    return units


def find_units(text: str, units: list[UnitSpec]) -> list[tuple[UnitSpec, int, int]]:
    """Every mention of a unit in text as (unit, start, end), on the folded text's offsets.

    Folding keeps one character per character for Vietnamese letters, so offsets match the text.
    """
    folded = fold_keep_length(text)
    out = []
    for unit in units:
        for key in unit.keys:
            for m in _key_pattern(key).finditer(folded):
                out.append((unit, m.start(), m.end()))
    return sorted(out, key=lambda t: t[1])


@functools.lru_cache(maxsize=4096)
def _key_pattern(key: str) -> re.Pattern[str]:
    """A unit key as a whole-word pattern whose spaces match any run of blanks: a header cell breaks
    a long name over lines ("SỞ NÔNG NGHIỆP" / "VÀ MÔI TRƯỜNG"), and OCR may lose one ("Công tyXSKT")."""
    return re.compile(r"(?<!\w)" + r"\s*".join(re.escape(w) for w in key.split()) + r"(?!\w)")


def fold_keep_length(text: str) -> str:
    """Lower case without diacritics, one output character per input character (NFC input)."""
    import unicodedata

    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0] if ch else ch
        out.append({"đ": "d", "Đ": "d", "\u00f0": "d", "\u00d0": "d"}.get(ch, base.lower()))
    return "".join(out)
