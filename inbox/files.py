"""Finding the files in the inbox that have finished arriving."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

#: Names that mark a file still being written or not a document at all (lower-cased).
_TEMP_PREFIXES = ("~$", "~wrl", ".~lock")  # Office owner files, Word's autosave, LibreOffice locks
_TEMP_SUFFIXES = (
    ".part",  # Firefox, wget, many copy tools
    ".partial",  # Edge/IE
    ".crdownload",  # Chrome
    ".download",  # Safari
    ".opdownload",  # Opera
    ".tmp",
    ".temp",
    ".swp",
    "~",  # editor backups
    "#",  # LibreOffice lock files end in "#"
)
#: System clutter that is never a document.
_IGNORED_NAMES = {"thumbs.db", "desktop.ini"}
#: A modification time this far in the future means the share's clock is ahead of ours.
CLOCK_SKEW_SECONDS = 300.0


def is_temporary_name(name: str) -> bool:
    """Whether a file name marks a temporary, partial, hidden or system file (never processed)."""
    low = name.lower()
    return (
        low.startswith(".")
        or low.startswith(_TEMP_PREFIXES)
        or low.endswith(_TEMP_SUFFIXES)
        or low in _IGNORED_NAMES
    )


@dataclass(frozen=True, slots=True)
class InboxEntry:
    """A complete file in the inbox, with the size and modification time it was listed with."""

    path: Path
    size: int
    mtime_ns: int


@dataclass(slots=True)
class InboxListing:
    """What one look at the inbox found: files ready to process, and files left for later."""

    complete: list[InboxEntry] = field(default_factory=list)
    #: Files still arriving (changed within the settle interval): left for the next run.
    waiting: list[Path] = field(default_factory=list)
    #: Temporary, hidden or system files: never processed.
    ignored: list[Path] = field(default_factory=list)
    #: Symbolic links (to files or folders): never followed, reported in the run's summary.
    symlinks: list[Path] = field(default_factory=list)


def _walk(inbox: Path, exclude: set[Path]) -> tuple[list[Path], list[Path], list[Path]]:
    files: list[Path] = []
    ignored: list[Path] = []
    links: list[Path] = []
    for root, dirs, names in os.walk(inbox):
        here = Path(root)
        # Never descend into hidden folders or into processed/failed/review kept inside the inbox.
        # os.walk never follows a linked folder; it lists it among `dirs`.
        links += [here / d for d in dirs if (here / d).is_symlink()]
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and not (here / d).is_symlink() and (here / d).resolve() not in exclude
        )
        for name in sorted(names):
            p = here / name
            if p.is_symlink():
                (ignored if is_temporary_name(name) else links).append(p)
            elif p.is_file():
                (ignored if is_temporary_name(name) else files).append(p)
    return files, ignored, sorted(links)


def list_complete_files(
    inbox: Path,
    settle_seconds: float = 10.0,
    exclude: list[Path] | tuple[Path, ...] = (),
    now: float | None = None,
) -> InboxListing:
    """The files in `inbox` (and its sub-folders) that have finished arriving, in name order.

    A file is complete when its name is not a temporary one and it has not been modified for
    `settle_seconds`: a copy in progress keeps moving the modification time. A file whose time is
    in the future (the clock of a network share ahead of ours) is judged instead by its size and
    time staying the same over one settle interval. Folders in `exclude` are not searched.
    Symbolic links are never followed (a link could point anywhere, or at a file still changing
    elsewhere): they are listed in `symlinks` for the summary.
    """
    inbox = Path(inbox)
    listing = InboxListing()
    if not inbox.is_dir():
        return listing
    files, listing.ignored, listing.symlinks = _walk(inbox, {Path(e).resolve() for e in exclude})
    now = time.time() if now is None else now
    skewed: list[InboxEntry] = []
    for p in files:
        try:
            st = p.stat()
        except FileNotFoundError:  # moved away by another run meanwhile
            continue
        entry = InboxEntry(p, st.st_size, st.st_mtime_ns)
        age = now - st.st_mtime_ns / 1e9
        if age >= settle_seconds:
            listing.complete.append(entry)
        elif -age > CLOCK_SKEW_SECONDS:
            skewed.append(entry)
        else:
            listing.waiting.append(p)
    if skewed:
        time.sleep(settle_seconds)
        for entry in skewed:
            (listing.complete.append(entry) if still_as_listed(entry) else listing.waiting.append(entry.path))
    listing.complete.sort(key=lambda e: str(e.path))
    return listing


def still_as_listed(entry: InboxEntry) -> bool:
    """Whether the file is still there with the size and modification time it was listed with."""
    try:
        st = entry.path.stat()
    except FileNotFoundError:
        return False
    return st.st_size == entry.size and st.st_mtime_ns == entry.mtime_ns
