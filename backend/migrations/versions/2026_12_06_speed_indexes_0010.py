"""speed at one million records: indexes the EXPLAIN check asked for

The timeline's converted-lead lookup had no index; the board's and the lost-reasons report's
totals read every deal of a pipeline, now from covering partial indexes on PostgreSQL (SQLite gets
the same keys as plain indexes).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 21:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.create_index("ix_lead_converted_contact", ["converted_contact_id"], unique=False)
        batch_op.create_index("ix_lead_converted_company", ["converted_company_id"], unique=False)
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deal_pipeline_totals",
            ["pipeline_id", "stage_id", "currency"],
            unique=False,
            postgresql_include=["amount", "probability_override", "owner_id"],
            postgresql_where=LIVE,
        )
        batch_op.create_index(
            "ix_deal_lost_totals",
            ["status", "lost_reason_id", "currency"],
            unique=False,
            postgresql_include=["amount", "lost_at", "pipeline_id", "owner_id"],
            postgresql_where=LIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_lost_totals")
        batch_op.drop_index("ix_deal_pipeline_totals")
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_index("ix_lead_converted_company")
        batch_op.drop_index("ix_lead_converted_contact")
