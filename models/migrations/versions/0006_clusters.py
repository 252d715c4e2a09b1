"""clusters: a province's clusters in one database (units, plans, files, reports, scores, reviewers)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

A province has many emulation clusters, each with its own members, plans, inbox and
secretariat, and district names repeat across provinces. This migration adds the `clusters`
table and `user_clusters` (which clusters a reviewer may see), and a `cluster_id` on units,
plans, source files, reports and scores. Unit names become unique per cluster only.

An existing database (one cluster's data) gets one cluster made from the units file's
`cluster =` and `province =` keys (THIDUA_UNITS_FILE, else the packaged default; "Cụm thi đua"
when neither can be read), and every existing row, and every reviewer, is assigned to it. A new,
empty database gets no cluster: the first command that needs one makes it (models/clusters.py).
At most one plan per cluster and year stays active (the latest imported).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: Tables that get a cluster_id, and whether it is required once filled.
_OWNED = (("units", False), ("plans", False), ("source_files", True), ("reports", True), ("scores", False))
#: The naming convention that names SQLite's unnamed unique constraint of 0001 (units.name).
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _slug(name: str) -> str:
    """A frozen copy of models.clusters.cluster_key: lower-case ASCII words joined by '-'."""
    folded = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:60] or "default"


def _default_cluster() -> tuple[str, str, str | None]:
    """(name, province, units file) of the cluster the existing rows belong to."""
    path: Path | None = None
    try:
        from thidua.core.settings import Settings

        path = Settings.from_env().units_file
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - a migration must not fail on an unreadable units file
        data = {}
    name = str(data.get("cluster") or "Cụm thi đua").strip()
    return name, str(data.get("province") or "").strip(), str(path) if path and data else None


def _has_rows(conn: sa.Connection) -> bool:
    return any(
        conn.execute(sa.text(f"SELECT 1 FROM {table} LIMIT 1")).first() is not None
        for table in ("units", "plans", "source_files", "reports", "scores")
    )


def _defer_sqlite_foreign_keys() -> None:
    """SQLite rebuilds tables to alter them: foreign keys (on, models/db.py) are checked at commit instead."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA defer_foreign_keys = ON")


def upgrade() -> None:
    """Add the cluster dimension; assign existing rows to one cluster made from the units file."""
    _defer_sqlite_foreign_keys()
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("province", sa.Text(), server_default="", nullable=False),
        sa.Column("units_file", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", name="uq_clusters_key"),
    )
    op.create_table(
        "user_clusters",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cluster_id"], ["clusters.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "cluster_id"),
    )
    conn = op.get_bind()
    cluster_id: int | None = None
    if _has_rows(conn):
        name, province, units_file = _default_cluster()
        clusters = sa.table(
            "clusters", sa.column("id", sa.Integer), sa.column("key", sa.String), sa.column("name", sa.Text),
            sa.column("province", sa.Text), sa.column("units_file", sa.Text), sa.column("created_at", sa.DateTime),
        )
        conn.execute(sa.insert(clusters).values(
            key=_slug(name), name=name, province=province, units_file=units_file,
            created_at=dt.datetime.now(dt.timezone.utc),
        ))
        cluster_id = conn.execute(sa.text("SELECT id FROM clusters")).scalar_one()
        conn.execute(
            sa.text("INSERT INTO user_clusters (user_id, cluster_id) SELECT id, :c FROM users WHERE role <> 'admin'"),
            {"c": cluster_id},
        )

    for table, nullable in _OWNED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        if cluster_id is not None:
            conn.execute(sa.text(f"UPDATE {table} SET cluster_id = :c"), {"c": cluster_id})
        with op.batch_alter_table(table) as batch:
            if not nullable:
                batch.alter_column("cluster_id", existing_type=sa.Integer(), nullable=False)
            batch.create_foreign_key(f"fk_{table}_cluster_id", "clusters", ["cluster_id"], ["id"])
            batch.create_index(f"ix_{table}_cluster_id", ["cluster_id"], unique=False)

    # Unit names: unique per cluster, no longer in the whole database.
    if conn.dialect.name == "sqlite":
        with op.batch_alter_table("units", naming_convention=_NAMING, recreate="always") as batch:
            batch.drop_constraint("uq_units_name", type_="unique")
            batch.create_unique_constraint("uq_units_cluster_name", ["cluster_id", "name"])
    else:
        name = sa.inspect(conn).get_unique_constraints("units")
        for uc in name:
            if uc["column_names"] == ["name"]:
                op.drop_constraint(uc["name"], "units", type_="unique")
        op.create_unique_constraint("uq_units_cluster_name", "units", ["cluster_id", "name"])

    # One active plan per cluster and year: older duplicates (none expected) made inactive first.
    rows = conn.execute(sa.text("SELECT id, cluster_id, year FROM plans WHERE active ORDER BY id")).all()
    latest: dict[tuple[object, object], int] = {}
    for row in rows:
        previous = latest.get((row.cluster_id, row.year))
        if previous is not None:
            conn.execute(sa.text("UPDATE plans SET active = :f WHERE id = :i"), {"f": False, "i": previous})
        latest[(row.cluster_id, row.year)] = row.id
    op.create_index(
        "uq_plans_active", "plans", ["cluster_id", "year"], unique=True,
        postgresql_where=sa.text("active"), sqlite_where=sa.text("active"),
    )


def downgrade() -> None:
    """Back to one cluster per database (fails when two units of different clusters share a name)."""
    _defer_sqlite_foreign_keys()
    op.drop_index("uq_plans_active", table_name="plans")
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("units", recreate="always") as batch:
            batch.drop_constraint("uq_units_cluster_name", type_="unique")
            batch.create_unique_constraint("uq_units_name", ["name"])
    else:
        op.drop_constraint("uq_units_cluster_name", "units", type_="unique")
        op.create_unique_constraint("units_name_key", "units", ["name"])
    for table, _nullable in reversed(_OWNED):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_cluster_id")
            batch.drop_constraint(f"fk_{table}_cluster_id", type_="foreignkey")
            batch.drop_column("cluster_id")
    op.drop_table("user_clusters")
    op.drop_table("clusters")
