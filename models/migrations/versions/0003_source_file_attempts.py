"""source_files.attempts: how many runs took a file without finishing it

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

A run that is killed (or a document that runs over its time limit) leaves a claim and no result;
the next run takes the file again. `attempts` counts those unfinished takes so a file that
stalls every run is failed after THIDUA_MAX_ATTEMPTS instead of being retried forever.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column (0 for every existing file)."""
    with op.batch_alter_table("source_files") as batch_op:
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("source_files") as batch_op:
        batch_op.drop_column("attempts")
