"""Indexes for lists and returns

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 22:55:00

Composite indexes for the queries the conversation lists, the coding queue, returns and the audit
trail search make. Each replaces the single-column index on its leading column, which it covers.
Answers, codings and adjudications are already found by conversation through their unique
constraints (conversation_id first) and their conversation_id indexes.
"""
from alembic import op
import sqlalchemy as sa

import feedback_app.models.base  # noqa: F401  (UTCDateTime columns)


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# (name, table, columns, the single-column index it replaces)
INDEXES = [
    ('ix_conversations_council_concluded', 'conversations', ['council_id', 'enquiry_concluded_on'], 'ix_conversations_council_id'),
    ('ix_conversations_organisation_updated', 'conversations', ['organisation_id', 'updated_at'], 'ix_conversations_organisation_id'),
    ('ix_conversations_organisation_status', 'conversations', ['organisation_id', 'status', 'updated_at'], None),
    ('ix_conversations_creator_status', 'conversations', ['created_by_id', 'status', 'updated_at'], 'ix_conversations_created_by_id'),
    ('ix_audit_events_user_at', 'audit_events', ['user_id', 'at'], 'ix_audit_events_user_id'),
    ('ix_audit_events_object_at', 'audit_events', ['object_type', 'object_id', 'at'], None),
    ('ix_audit_events_organisation_at', 'audit_events', ['organisation_id', 'at'], None),
    ('ix_audit_events_action_at', 'audit_events', ['action', 'at'], None),
]


def upgrade():
    for name, table, columns, replaces in INDEXES:
        op.create_index(name, table, columns, unique=False)
        if replaces:
            op.drop_index(replaces, table_name=table)


def downgrade():
    for name, table, columns, replaces in reversed(INDEXES):
        if replaces:
            op.create_index(replaces, table, [columns[0]], unique=False)
        op.drop_index(name, table_name=table)
