"""corrections are append-only in the database too

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

The ORM already refuses to update or delete a correction (models.corrections); these triggers
make the database refuse it as well, for any client (psql, another program, a faulty migration).
The one change allowed is the foreign key's own ON DELETE SET NULL of `finding_id`, when the
finding a reviewer looked at is replaced by reprocessing: the correction's meaning stays.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MESSAGE = "corrections are append-only"
# Every column but finding_id: SQLite fires an UPDATE OF trigger only when one of them is set.
_KEPT = "id, user_id, created_at, target, unit_id, year, period_kind, plan_item_code, metric, field, old_value, new_value, note"


def upgrade() -> None:
    """Add the triggers for the database in use."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION corrections_append_only() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE'
                   OR (to_jsonb(NEW) - 'finding_id') IS DISTINCT FROM (to_jsonb(OLD) - 'finding_id') THEN
                    RAISE EXCEPTION '{MESSAGE}';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER corrections_append_only BEFORE UPDATE OR DELETE ON corrections "
            "FOR EACH ROW EXECUTE FUNCTION corrections_append_only()"
        )
    else:
        op.execute(
            f"CREATE TRIGGER corrections_no_update BEFORE UPDATE OF {_KEPT} ON corrections "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        op.execute(
            f"CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    """Drop the triggers."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS corrections_append_only ON corrections")
        op.execute("DROP FUNCTION IF EXISTS corrections_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS corrections_no_update")
        op.execute("DROP TRIGGER IF EXISTS corrections_no_delete")
