"""Privacy: encryption at rest, case reference blind index, retention, append-only audit trail

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 22:55:00

Encrypts what is already stored (the person's words, concern notes, coders' reasons, case
references) with the keys the app itself reads (FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY), so run it
with the same environment as the app. Values already encrypted are left alone.
"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

import feedback_app.models.base  # noqa: F401  (UTCDateTime columns)
from feedback_app.models.encrypted import from_config
from feedback_app.privacy import audit_guard
from feedback_app.privacy.keys import EncryptedColumn, decrypt_to_plaintext, encrypt_plaintext


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# The columns encrypted as of this revision (fixed here: later model changes must not alter it).
ENCRYPTED = [
    EncryptedColumn('conversations', sa.Column('id', sa.Uuid()), 'case_reference'),
    EncryptedColumn('answers', sa.Column('id', sa.Integer()), 'words'),
    EncryptedColumn('answer_revisions', sa.Column('id', sa.Integer()), 'words'),
    EncryptedColumn('concerns', sa.Column('id', sa.Integer()), 'note'),
    EncryptedColumn('codings', sa.Column('id', sa.Integer()), 'reason'),
    EncryptedColumn('adjudications', sa.Column('id', sa.Integer()), 'reason'),
]


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_months', sa.Integer(), server_default='12', nullable=False))

    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_case_reference'))
        batch_op.alter_column('case_reference', existing_type=sa.String(length=60), type_=sa.Text(),
                              existing_nullable=False)
        batch_op.add_column(sa.Column('case_reference_index', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('details_deleted_at', feedback_app.models.base.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_conversations_case_reference_index'), ['case_reference_index'],
                              unique=False)

    cipher, index = from_config(current_app.config)
    connection = op.get_bind()
    for target in ENCRYPTED:
        encrypt_plaintext(connection, target, cipher, index)

    audit_guard.protect(connection)


def downgrade():
    connection = op.get_bind()
    audit_guard.unprotect(connection)

    cipher, _index = from_config(current_app.config)
    for target in ENCRYPTED:
        decrypt_to_plaintext(connection, target, cipher)

    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_case_reference_index'))
        batch_op.drop_column('details_deleted_at')
        batch_op.drop_column('case_reference_index')
        batch_op.alter_column('case_reference', existing_type=sa.Text(), type_=sa.String(length=60),
                              existing_nullable=False)
        batch_op.create_index(batch_op.f('ix_conversations_case_reference'), ['case_reference'], unique=False)

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('retention_months')
