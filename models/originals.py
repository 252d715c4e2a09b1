"""The store of original files: content-addressed by SHA-256, written once, never deleted."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from thidua.core.errors import MissingFileError, StorageError


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def stored_path(originals_dir: Path, sha256: str, suffix: str) -> Path:
    """Where a file with this hash lives in the store (two levels of fan-out)."""
    return originals_dir / sha256[:2] / sha256[2:4] / f"{sha256}{suffix.lower()}"


def store_original(path: Path, originals_dir: Path) -> tuple[str, Path]:
    """Copy a file into the store (atomically, once) and return (sha256, stored path)."""
    path = Path(path)
    if not path.is_file():
        raise MissingFileError("không tìm thấy tệp", path)
    digest = sha256_of(path)
    target = stored_path(originals_dir, digest, path.suffix)
    if target.exists():
        return digest, target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Copy to a temporary name then rename: a crash never leaves a half-written original.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        os.close(fd)
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
        os.chmod(target, 0o444)
    except OSError as exc:
        raise StorageError(f"không lưu được bản gốc ({exc})", path) from None
    return digest, target
