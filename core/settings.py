"""Settings read from environment variables; every one is documented in docs/settings.md.

`Settings.from_env()` validates them all (pydantic-settings): a bad value raises ConfigError with
one Vietnamese line naming the variable, which the `thidua` command prints before doing anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from thidua.core.errors import ConfigError

#: The repository root (where sample_docs/ lives) when running from a checkout.
PROJECT_ROOT = Path(__file__).resolve().parents[1]
#: The units file used when THIDUA_UNITS_FILE is unset: package data, also in an installed wheel.
DEFAULT_UNITS_FILE = Path(__file__).resolve().with_name("default_units.toml")
_PREFIX = "THIDUA_"


class Settings(BaseSettings):
    """The project's settings; build one with `Settings.from_env()`."""

    model_config = SettingsConfigDict(env_prefix=_PREFIX, env_ignore_empty=True, frozen=True, extra="ignore")

    #: THIDUA_DATA_DIR: folder for the SQLite database, the originals store and the inbox.
    data_dir: Path = Field(default_factory=lambda: Path.cwd() / "thidua-data")
    #: THIDUA_DATABASE_URL: SQLAlchemy URL; default a SQLite file in the data folder.
    database_url: str = ""
    #: THIDUA_INBOX: the folder the secretariat drops reports into.
    inbox: Path = Path()
    #: THIDUA_UNITS_FILE: TOML list of the cluster's units (name, role, aliases).
    units_file: Path = DEFAULT_UNITS_FILE
    #: THIDUA_CLUSTER: key of the cluster a command works on when it names none (`--cluster`).
    cluster: str = ""
    #: THIDUA_MATCH_THRESHOLD: matches scoring below this are left for a reviewer.
    match_threshold: float = Field(0.45, ge=0.0, le=1.0)
    #: THIDUA_OCR_MAX_PAGES: pages read by OCR per scanned PDF at most.
    ocr_max_pages: int = Field(20, ge=1)
    #: THIDUA_SECRET_KEY: key that signs the review page's session cookies.
    secret_key: str = ""
    #: THIDUA_SESSION_MINUTES: minutes of inactivity before a review session expires.
    session_minutes: int = Field(60, ge=1)
    #: THIDUA_SOFFICE_TIMEOUT: seconds LibreOffice may take to convert one .doc file.
    soffice_timeout: float = Field(180.0, gt=0)
    #: THIDUA_DOC_TIMEOUT: seconds one document may take to read (all its tools included).
    doc_timeout: float = Field(600.0, gt=0)
    #: THIDUA_DOC_MEMORY_MB: memory (address space, MB) the reading of one document may use.
    doc_memory_mb: int = Field(3072, ge=256)
    #: THIDUA_MAX_UNPACKED_MB: total unpacked size (MB) of a .docx's parts.
    max_unpacked_mb: int = Field(256, ge=1)
    #: THIDUA_MAX_XML_MB: unpacked size (MB) of one XML part of a .docx (document.xml, styles.xml…).
    max_xml_mb: int = Field(64, ge=1)
    #: THIDUA_MAX_PAGES: pages of a PDF at most.
    max_pages: int = Field(500, ge=1)
    #: THIDUA_ORIGINALS: root of the originals store, a folder or an fsspec URL; default <data dir>/originals.
    originals: str = ""
    #: THIDUA_MAX_ATTEMPTS: runs that may take a file without finishing it before it is failed.
    max_attempts: int = Field(3, ge=1)

    @model_validator(mode="after")
    def _derived_defaults(self) -> "Settings":
        data_dir = self.data_dir.expanduser().resolve()
        object.__setattr__(self, "data_dir", data_dir)
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{data_dir / 'thidua.db'}")
        inbox = self.inbox if self.inbox != Path() else data_dir / "inbox"
        object.__setattr__(self, "inbox", inbox.expanduser().resolve())
        return self

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """Read and validate the settings from the environment, with the documented defaults.

        Raise ConfigError (one Vietnamese line naming the variable) when a value is not valid.
        """
        try:
            return cls(**overrides)
        except ValidationError as exc:
            raise ConfigError(_message(exc)) from None

    @property
    def originals_root(self) -> str:
        """Root of the originals store (THIDUA_ORIGINALS): a folder or an fsspec URL."""
        if not self.originals:
            return str(self.data_dir / "originals")
        if "://" in self.originals:
            return self.originals
        return str(Path(self.originals).expanduser().resolve())

    @property
    def originals_dir(self) -> Path:
        """The local folder of the originals store; ConfigError when THIDUA_ORIGINALS is a remote URL."""
        root = self.originals_root
        if root.startswith("file://"):
            return Path(root.removeprefix("file://")).expanduser().resolve()
        if "://" in root:
            raise ConfigError(f"THIDUA_ORIGINALS={root!r} không phải một thư mục trên máy này")
        return Path(root)


_KINDS = {
    "float_parsing": "phải là một số (dấu chấm thập phân, ví dụ 0.45)",
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "path_type": "phải là một đường dẫn",
}


def _message(exc: ValidationError) -> str:
    """The first error as one Vietnamese line: the variable, its value, what it must be."""
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err.get("loc") else ""
    name = _PREFIX + field.upper() if field else "THIDUA_*"
    hint = _KINDS.get(err["type"], err["msg"]).format(**(err.get("ctx") or {}))
    return f"biến môi trường {name}={err.get('input')!r} không hợp lệ: {hint} (xem docs/settings.md)"


def setting_names() -> list[str]:
    """The environment variable of every setting (used by the docs test)."""
    return [_PREFIX + name.upper() for name in Settings.model_fields]
