"""original files kept by key relative to the originals root, not by absolute path

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

`source_files.stored_path` held the absolute path of each original on the machine that received
it: a second machine mounting the store at another folder could not find the original and sent
re-dropped files to failed/. The column now holds the key under the store's root
(``ab/cd/<sha256><suffix>``, see models/originals.py). This migration rewrites the absolute paths:
the part under the current root (THIDUA_ORIGINALS, default <data dir>/originals) or, for a path
of the store's layout elsewhere, its last three parts. Other values are left as they are.
Downgrading writes absolute paths under the current (local) root back.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_FILES = sa.table("source_files", sa.column("id", sa.Integer), sa.column("stored_path", sa.Text))


def _root() -> str | None:
    """The current originals root, or None when the settings cannot be read."""
    try:
        from thidua.core.settings import Settings

        return Settings.from_env().originals_root.rstrip("/")
    except Exception:  # noqa: BLE001 - a migration must not fail on an unrelated setting
        return None


def _key(stored: str, root: str | None) -> str:
    """The key of an absolute path of the store (a frozen copy of models.originals.key_from_stored)."""
    if not stored or not (stored.startswith("/") or "://" in stored):
        return stored
    if root and stored.startswith(root + "/"):
        return stored[len(root) + 1 :]
    parts = PurePosixPath(stored.split("://", 1)[-1]).parts
    if len(parts) >= 3 and len(parts[-3]) == len(parts[-2]) == 2 and parts[-1].startswith(parts[-3] + parts[-2]):
        return "/".join(parts[-3:])
    return stored


def _rewrite(convert) -> None:  # type: ignore[no-untyped-def]
    conn = op.get_bind()
    for row_id, stored in conn.execute(sa.select(_FILES.c.id, _FILES.c.stored_path)).all():
        new = convert(stored)
        if new != stored:
            conn.execute(sa.update(_FILES).where(_FILES.c.id == row_id).values(stored_path=new))


def upgrade() -> None:
    root = _root()
    _rewrite(lambda stored: _key(stored, root))


def downgrade() -> None:
    root = _root()
    if root is None or "://" in root.removeprefix("file://"):
        return  # keys stay keys: an fsspec URL has no absolute local path to write back
    local = root.removeprefix("file://")
    _rewrite(lambda stored: stored if not stored or stored.startswith("/") else f"{local}/{stored}")
