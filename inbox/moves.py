"""Moving handled files out of the inbox without ever overwriting one, with a reason file."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
from pathlib import Path

#: A reason file sits beside the moved file: `bao_cao.docx` -> `bao_cao.docx.reason.txt`.
REASON_SUFFIX = ".reason.txt"


def sorted_folders(data_dir: Path) -> dict[str, Path]:
    """Where handled files go, inside the data folder: processed/, failed/ and review/."""
    return {name: Path(data_dir) / name for name in ("processed", "failed", "review")}


def reason_path(moved: Path) -> Path:
    """The reason file that belongs to a moved file."""
    return moved.with_name(moved.name + REASON_SUFFIX)


def _candidates(name: str):  # type: ignore[no-untyped-def]
    p = Path(name)
    yield name
    n = 2
    while True:
        yield f"{p.stem} ({n}){p.suffix}"
        n += 1


def _reserve(folder: Path, name: str) -> Path:
    """Create an empty file under a free name (atomically: O_EXCL) and return it."""
    for candidate in _candidates(name):
        target = folder / candidate
        if reason_path(target).exists():
            continue
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            continue
        os.close(fd)
        return target
    raise AssertionError("unreachable")


def _write_reason(target: Path, source_name: str, reason: str, detail: str | None, outcome: str) -> Path:
    when = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    lines = [
        f"Tệp: {source_name}",
        f"Lưu tại: {target.name}",
        f"Thời điểm: {when}",
        f"Kết quả: {outcome}",
        f"Lý do: {reason}",
    ]
    if detail:
        lines += ["", "Chi tiết kỹ thuật:", detail.rstrip()]
    path = reason_path(target)
    with open(path, "x", encoding="utf-8") as fh:  # the name was checked free when reserving
        fh.write("\n".join(lines) + "\n")
    return path


def move_to(
    path: Path,
    folder: Path,
    reason: str | None = None,
    detail: str | None = None,
    outcome: str = "",
) -> Path:
    """Move `path` into `folder` under a name no other file has, and return where it went.

    A clash gets a number: `bao_cao.docx`, `bao_cao (2).docx`, ... When `reason` is given (in
    Vietnamese, for the secretariat), `<new name>.reason.txt` is written beside the file with the
    reason, `outcome` and the technical `detail`. Works across file systems (copy, then delete).
    """
    path = Path(path)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = _reserve(folder, path.name)
    try:
        try:
            os.replace(path, target)  # replaces only the empty placeholder we reserved
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            shutil.copy2(path, target)
            os.unlink(path)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if reason:
        _write_reason(target, path.name, reason, detail, outcome)
    return target
