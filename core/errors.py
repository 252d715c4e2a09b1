"""The project's one error hierarchy: every error a user can meet derives from ThiduaError.

Messages are in Vietnamese (they reach users); each names the file and the cause.

    ThiduaError
    ├── DocumentError            a file that cannot be read as a report or plan
    │   ├── MissingFileError     the path does not exist
    │   ├── UnsupportedFormatError  not a .docx, .doc or .pdf (by content, not name)
    │   ├── CorruptDocumentError the container is broken (bad zip, bad PDF)
    │   ├── EncryptedDocumentError  a password-protected PDF or Word file
    │   ├── EmptyDocumentError   no text at all, even after OCR
    │   ├── MissingToolError     a system tool (LibreOffice, Tesseract) is not installed
    │   └── LimitExceededError   over a reading limit (unpacked size, XML size, pages, memory)
    │       └── DocumentTimeoutError  over the time limit per document (retried, then failed)
    ├── PlanError                the plan table was not found or is malformed
    ├── ConfigError              a setting or data file is wrong
    └── StorageError             the database or the originals store failed
"""

from __future__ import annotations

from pathlib import Path


class ThiduaError(Exception):
    """Base of every error the project raises on purpose."""

    #: Whether retrying the same operation later may succeed (a database that is down).
    transient: bool = False

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


class DocumentError(ThiduaError):
    """A file that cannot be read as a document."""


class MissingFileError(DocumentError):
    """The path does not exist or is not a file."""


class UnsupportedFormatError(DocumentError):
    """The file is not a Word (.docx/.doc) or PDF document."""


class CorruptDocumentError(DocumentError):
    """The file claims a known format but its content is broken."""


class EncryptedDocumentError(DocumentError):
    """The file is protected by a password."""


class EmptyDocumentError(DocumentError):
    """The file has no readable text."""


class MissingToolError(DocumentError):
    """A system tool needed for this file is not installed."""

    def __init__(self, message: str, path: str | Path | None = None, tool: str = "") -> None:
        self.tool = tool
        super().__init__(message, path)


class LimitExceededError(DocumentError):
    """The file goes over one of the reading limits (the message names the limit and its setting)."""

    def __init__(self, message: str, path: str | Path | None = None, limit: str = "") -> None:
        #: The THIDUA_* setting of the limit that was exceeded.
        self.limit = limit
        super().__init__(message, path)


class DocumentTimeoutError(LimitExceededError):
    """Reading the file took longer than the time limit per document; its processes were ended."""


class PlanError(ThiduaError):
    """The plan table could not be found or understood."""


class ConfigError(ThiduaError):
    """A setting or a configuration file is wrong."""


class ClusterError(ConfigError):
    """A cluster named by a command is unknown, already exists, or cannot be chosen alone."""


class StorageError(ThiduaError):
    """The database or the store of original files failed."""

    transient = True
