"""tasks, reminders and calendar feeds

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 20:30:53.236205
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder_rule",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("days_before", sa.Integer(), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("yearly", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_rule")),
    )
    op.create_table(
        "calendar_feed",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_calendar_feed_user_id_user_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feed_token_hash")),
        sa.UniqueConstraint("user_id", name=op.f("uq_calendar_feed_user_id")),
    )
    op.create_table(
        "task",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("priority_rank", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("assignee_id", sa.Uuid(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("record_type", sa.String(length=40), nullable=True),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("recurrence", sa.String(length=10), nullable=False),
        sa.Column("recurrence_day", sa.SmallInteger(), nullable=True),
        sa.Column("previous_task_id", sa.Uuid(), nullable=True),
        sa.Column("next_task_id", sa.Uuid(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("reminder_key", sa.String(length=200), nullable=True),
        sa.Column("due_notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["assignee_id"], ["user_account.id"], name=op.f("fk_task_assignee_id_user_account")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["user_account.id"], name=op.f("fk_task_created_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("reminder_key", name=op.f("uq_task_reminder_key")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index("ix_task_assignee_status_due", ["assignee_id", "status", "due_at", "id"], unique=False)
        batch_op.create_index("ix_task_created", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_task_created_by", ["created_by_id", "created_at", "id"], unique=False)
        batch_op.create_index("ix_task_deleted", ["deleted_at", "id"], unique=False)
        batch_op.create_index("ix_task_due", ["due_at", "id"], unique=False)
        batch_op.create_index("ix_task_due_pending", ["status", "due_notified_at", "due_at"], unique=False)
        batch_op.create_index("ix_task_priority", ["priority_rank", "id"], unique=False)
        batch_op.create_index("ix_task_record", ["record_type", "record_id", "due_at", "id"], unique=False)
        batch_op.create_index("ix_task_updated", ["updated_at", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_updated")
        batch_op.drop_index("ix_task_record")
        batch_op.drop_index("ix_task_priority")
        batch_op.drop_index("ix_task_due_pending")
        batch_op.drop_index("ix_task_due")
        batch_op.drop_index("ix_task_deleted")
        batch_op.drop_index("ix_task_created_by")
        batch_op.drop_index("ix_task_created")
        batch_op.drop_index("ix_task_assignee_status_due")

    op.drop_table("task")
    op.drop_table("calendar_feed")
    op.drop_table("reminder_rule")
