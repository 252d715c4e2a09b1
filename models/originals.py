"""The store of original files: content-addressed by SHA-256, written once, never deleted.

The database keeps each original's *key* (``ab/cd/<sha256><suffix>``), relative to the store's
root, never an absolute path: a second machine mounting the store at another folder (or reaching
it by another URL) finds the same originals. The root is a local folder or an fsspec URL
(``file://…``, or an S3-compatible ``s3://…`` when its fsspec package is installed); see
THIDUA_ORIGINALS in docs/settings.md.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from thidua.core.errors import ConfigError, MissingFileError, StorageError

if TYPE_CHECKING:
    from thidua.core.settings import Settings

#: fsspec protocols that are this machine's own file system (keys resolve to local paths).
_LOCAL = {"file", "local"}


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def key_for(sha256: str, suffix: str) -> str:
    """The key of a file with this hash in the store (two levels of fan-out, '/' separated)."""
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}{suffix.lower()}"


def key_from_stored(stored: str, root: str | None = None) -> str:
    """The store key of a `stored_path` value: a key as is; an absolute path of the layout, its key.

    Databases written before keys were relative hold absolute paths: the part under `root`, or
    else the last three parts when they follow the store's layout (``ab/cd/abcd…``), is the key.
    Anything else is returned unchanged (an absolute path the store does not know).
    """
    if not stored or not (stored.startswith("/") or "://" in stored or PurePosixPath(stored).is_absolute()):
        return stored
    if root:
        base = root.rstrip("/") + "/"
        if stored.startswith(base):
            return stored[len(base):]
    parts = PurePosixPath(stored.split("://", 1)[-1]).parts
    if len(parts) >= 3 and parts[-1].startswith(parts[-3] + parts[-2]) and len(parts[-3]) == len(parts[-2]) == 2:
        return "/".join(parts[-3:])
    return stored


class OriginalsStore:
    """The originals store at a root: a local folder or an fsspec URL."""

    def __init__(self, root: str | Path, cache_dir: Path | None = None) -> None:
        """Open the store at `root`; originals of a remote store are read through `cache_dir`."""
        import fsspec

        self.url = str(root)
        try:
            self.fs, base = fsspec.core.url_to_fs(self.url)
        except (ImportError, ValueError) as exc:
            raise ConfigError(f"THIDUA_ORIGINALS={self.url!r}: không mở được kho bản gốc ({exc})") from None
        protocols = self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,)
        #: Whether keys resolve to files of this machine (no copy needed to read them).
        self.is_local = bool(set(protocols) & _LOCAL)
        self.base = str(Path(base).expanduser().resolve()) if self.is_local else base.rstrip("/")
        self.cache_dir = cache_dir or Path(tempfile.gettempdir()) / "thidua-originals-cache"

    @classmethod
    def from_settings(cls, settings: "Settings") -> "OriginalsStore":
        """The store the settings name (THIDUA_ORIGINALS, default the data folder's originals/)."""
        return cls(settings.originals_root, settings.data_dir / "cache" / "originals")

    def _full(self, key: str) -> str:
        return f"{self.base}/{key}"

    def key_of(self, stored: str) -> str:
        """The key of a `stored_path` value (a key, or an absolute path written before keys)."""
        return key_from_stored(stored, self.base)

    def exists(self, key: str) -> bool:
        """Whether the store holds this key."""
        return bool(self.fs.exists(self._full(self.key_of(key))))

    def put(self, path: Path) -> tuple[str, str]:
        """Copy a file into the store (atomically, once) and return (sha256, key)."""
        path = Path(path)
        if not path.is_file():
            raise MissingFileError("không tìm thấy tệp", path)
        digest = sha256_of(path)
        key = key_for(digest, path.suffix)
        try:
            if self.is_local:
                self._put_local(path, Path(self._full(key)))
            elif not self.fs.exists(self._full(key)):
                self.fs.put_file(str(path), self._full(key))  # object stores write an object whole
        except OSError as exc:
            raise StorageError(f"không lưu được bản gốc ({exc})", path) from None
        return digest, key

    @staticmethod
    def _put_local(path: Path, target: Path) -> None:
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        # Copy to a temporary name then rename: a crash never leaves a half-written original.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        os.close(fd)
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
        os.chmod(target, 0o444)

    def put_bytes(self, key: str, data: bytes) -> None:
        """Write derived data (what the pipeline read of an original) under a key, replacing it whole.

        Unlike originals these may be written again (a newer reader reads the same bytes better);
        a reader of the key sees the old or the new bytes, never half of them.
        """
        try:
            if self.is_local:
                target = Path(self._full(key))
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            else:
                self.fs.pipe_file(self._full(key), data)
        except OSError as exc:
            raise StorageError(f"không lưu được dữ liệu đã đọc vào kho {self.url} ({exc})", key) from None

    def get_bytes(self, key: str) -> bytes | None:
        """The bytes kept under a key, None when the store has none."""
        try:
            if self.is_local:
                return Path(self._full(key)).read_bytes()
            return bytes(self.fs.cat_file(self._full(key)))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageError(f"không đọc được dữ liệu từ kho {self.url} ({exc})", key) from None

    def local_path(self, stored: str) -> Path:
        """A local file with the original's bytes: the file itself, or a cached copy of a remote one.

        Raise MissingFileError (naming the key) when the store does not hold it.
        """
        key = self.key_of(stored)
        if PurePosixPath(key).is_absolute():  # an old absolute path outside the store's layout
            if Path(key).is_file():
                return Path(key)
            raise MissingFileError("không tìm thấy bản gốc trong kho", key)
        if self.is_local:
            local = Path(self._full(key))
            if not local.is_file():
                raise MissingFileError(f"không tìm thấy bản gốc trong kho {self.url}", key)
            return local
        cached = self.cache_dir / key  # content-addressed: a cached copy never goes stale
        if not cached.is_file():
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".incoming-")
                os.close(fd)
                self.fs.get_file(self._full(key), tmp)
                os.replace(tmp, cached)
            except FileNotFoundError:
                raise MissingFileError(f"không tìm thấy bản gốc trong kho {self.url}", key) from None
            except OSError as exc:
                raise StorageError(f"không đọc được bản gốc từ kho {self.url} ({exc})", key) from None
        return cached


def as_store(store: "OriginalsStore | str | Path") -> OriginalsStore:
    """A store given as itself or by its root (a folder or an fsspec URL)."""
    return store if isinstance(store, OriginalsStore) else OriginalsStore(store)


def store_original(path: Path, store: "OriginalsStore | str | Path") -> tuple[str, str]:
    """Copy a file into the store (atomically, once) and return (sha256, key)."""
    return as_store(store).put(path)


def original_path(stored: str, settings: "Settings | None" = None) -> Path:
    """The local file of a stored original (`stored_path` of its row), in the configured store."""
    from thidua.core.settings import Settings

    return OriginalsStore.from_settings(settings or Settings.from_env()).local_path(stored)
