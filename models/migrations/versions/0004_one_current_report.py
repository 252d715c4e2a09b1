"""one current report per unit, year and period (partial unique indexes)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Two versions of one report saved milliseconds apart on two workers could both stay current.
models.results now serializes supersession (an advisory lock on PostgreSQL; SQLite serializes
writers) and these partial unique indexes make a second current version impossible for any
client. Existing duplicates (left by that race) are resolved first as the flow would have: the
latest report date (then the latest id) stays current, the others are superseded by it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_PERIOD = "is_current AND unit_id IS NOT NULL AND year IS NOT NULL AND period_kind IS NOT NULL"
#: A periodic report (quarter, 6 or 9 months, year): one current per unit, year and kind.
PERIODIC_WHERE = f"{_PERIOD} AND period_kind <> 'OTHER'"
#: A thematic report: one current per unit, year and document number.
THEMATIC_WHERE = f"{_PERIOD} AND period_kind = 'OTHER' AND doc_number IS NOT NULL"


def _resolve_duplicates() -> None:
    """Mark all but the latest current report of each key superseded by the latest."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, unit_id, year, period_kind, doc_number, report_date FROM reports "
            f"WHERE {_PERIOD}"
        )
    ).all()
    groups: dict[tuple[object, ...], list[tuple[object, ...]]] = {}
    for row in rows:
        if row.period_kind == "OTHER" and row.doc_number is None:
            continue
        key = (row.unit_id, row.year, row.period_kind, row.doc_number if row.period_kind == "OTHER" else None)
        groups.setdefault(key, []).append(row)
    for members in groups.values():
        if len(members) < 2:
            continue
        winner = max(members, key=lambda r: (str(r.report_date or ""), r.id))
        for r in members:
            if r.id != winner.id:
                bind.execute(
                    sa.text("UPDATE reports SET is_current = :f, superseded_by_id = :w WHERE id = :i"),
                    {"f": False, "w": winner.id, "i": r.id},
                )


def upgrade() -> None:
    """Resolve existing duplicates, then add the two partial unique indexes."""
    _resolve_duplicates()
    for name, cols, where in (
        ("uq_reports_current_period", ["unit_id", "year", "period_kind"], PERIODIC_WHERE),
        ("uq_reports_current_thematic", ["unit_id", "year", "doc_number"], THEMATIC_WHERE),
    ):
        op.create_index(
            name, "reports", cols, unique=True,
            postgresql_where=sa.text(where), sqlite_where=sa.text(where),
        )


def downgrade() -> None:
    """Drop the indexes (superseded reports stay superseded)."""
    op.drop_index("uq_reports_current_thematic", table_name="reports")
    op.drop_index("uq_reports_current_period", table_name="reports")
