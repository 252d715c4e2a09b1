"""Settings read from environment variables; every one is documented in docs/settings.md."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

#: The repository root (where sample_docs/ lives) when running from a checkout.
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    """The project's settings; build one with `Settings.from_env()`."""

    #: THIDUA_DATA_DIR: folder for the SQLite database, the originals store and the inbox.
    data_dir: Path = field(metadata={"env": "THIDUA_DATA_DIR"})
    #: THIDUA_DATABASE_URL: SQLAlchemy URL; default a SQLite file in the data folder.
    database_url: str = field(metadata={"env": "THIDUA_DATABASE_URL"})
    #: THIDUA_INBOX: the folder the secretariat drops reports into.
    inbox: Path = field(metadata={"env": "THIDUA_INBOX"})
    #: THIDUA_UNITS_FILE: TOML list of the cluster's units (name, role, aliases).
    units_file: Path = field(metadata={"env": "THIDUA_UNITS_FILE"})
    #: THIDUA_MATCH_THRESHOLD: matches scoring below this are left for a reviewer.
    match_threshold: float = field(metadata={"env": "THIDUA_MATCH_THRESHOLD"})
    #: THIDUA_OCR_MAX_PAGES: pages read by OCR per scanned PDF at most.
    ocr_max_pages: int = field(metadata={"env": "THIDUA_OCR_MAX_PAGES"})
    #: THIDUA_SECRET_KEY: key that signs the review page's session cookies.
    secret_key: str = field(metadata={"env": "THIDUA_SECRET_KEY"})
    #: THIDUA_SESSION_MINUTES: minutes of inactivity before a review session expires.
    session_minutes: int = field(metadata={"env": "THIDUA_SESSION_MINUTES"})

    @classmethod
    def from_env(cls) -> "Settings":
        """Read the settings from the environment, with the documented defaults."""
        data_dir = Path(_env("THIDUA_DATA_DIR", str(Path.cwd() / "thidua-data"))).expanduser().resolve()
        return cls(
            data_dir=data_dir,
            database_url=_env("THIDUA_DATABASE_URL", f"sqlite:///{data_dir / 'thidua.db'}"),
            inbox=Path(_env("THIDUA_INBOX", str(data_dir / "inbox"))).expanduser().resolve(),
            units_file=Path(_env("THIDUA_UNITS_FILE", str(PROJECT_ROOT / "sample_docs" / "units.toml"))),
            match_threshold=float(_env("THIDUA_MATCH_THRESHOLD", "0.45")),
            ocr_max_pages=int(_env("THIDUA_OCR_MAX_PAGES", "20")),
            secret_key=_env("THIDUA_SECRET_KEY", ""),
            session_minutes=int(_env("THIDUA_SESSION_MINUTES", "60")),
        )

    @property
    def originals_dir(self) -> Path:
        """Where original files are kept, content-addressed, forever."""
        return self.data_dir / "originals"


def setting_names() -> list[str]:
    """The environment variable of every setting (used by the docs test)."""
    return [f.metadata["env"] for f in fields(Settings)]
