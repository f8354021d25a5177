"""Conversation summaries: what a return counts, one row per conversation

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 10:00:00

A denormalised copy of each conversation's final levels, blind level pairs, case-details answers
and the facts a return filters and groups by, so a return over 100,000 conversations is a few
GROUP BY queries. Filled here from the existing rows with the app's own summary logic
(feedback_app/data/summaries.py `summary_values`, which works out final levels with
coding/state.py `combine`), read through table definitions frozen at this revision. After this,
a session event keeps it in step; `flask returns refresh-summaries` rebuilds it.
"""
from collections import defaultdict

from alembic import op
import sqlalchemy as sa

import feedback_app.models.base


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BATCH = 2000
# Covering indexes, one per set of columns a return counts together (models/summaries.py).
INDEXES = [
    ('ix_conversation_summaries_about', ['council_id', 'quarter', 'status', 'respondent_type', 'method', 'double_coded', 'coding_final', 'days_to_conversation', 'team_id']),
    ('ix_conversation_summaries_case_details', ['council_id', 'quarter', 'status', 'risk_action', 'risk_outcome', 'lacked_capacity', 'capacity_support', 'team_id', 'method', 'respondent_type']),
    ('ix_conversation_summaries_levels_1', ['council_id', 'quarter', 'status', 'respondent_type', 'asked_outcomes', 'outcomes_achieved', 'feel_safer', 'team_id', 'method']),
    ('ix_conversation_summaries_levels_2', ['council_id', 'quarter', 'status', 'respondent_type', 'listened_to', 'understood', 'involved', 'team_id', 'method']),
    ('ix_conversation_summaries_levels_3', ['council_id', 'quarter', 'status', 'respondent_type', 'respected', 'worked_together', 'proportionate', 'team_id', 'method']),
]
# Agreement: both blind levels of double-coded conversations only (a partial index).
PAIRS_INDEX = ['council_id', 'quarter', 'status', 'organisation_id', 'first_asked_outcomes', 'second_asked_outcomes', 'first_outcomes_achieved', 'second_outcomes_achieved', 'first_feel_safer', 'second_feel_safer', 'first_listened_to', 'second_listened_to', 'first_understood', 'second_understood', 'first_involved', 'second_involved', 'first_respected', 'second_respected', 'first_worked_together', 'second_worked_together', 'first_proportionate', 'second_proportionate', 'double_coded']


def upgrade():
    summaries = op.create_table('conversation_summaries',
    sa.Column('conversation_id', sa.Uuid(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('respondent_type', sa.String(length=20), nullable=False),
    sa.Column('double_coded', sa.Boolean(), nullable=False),
    sa.Column('coding_final', sa.Boolean(), nullable=False),
    sa.Column('days_to_conversation', sa.Integer(), nullable=False),
    sa.Column('asked_outcomes', sa.String(length=40), nullable=True),
    sa.Column('outcomes_achieved', sa.String(length=40), nullable=True),
    sa.Column('feel_safer', sa.String(length=40), nullable=True),
    sa.Column('listened_to', sa.String(length=40), nullable=True),
    sa.Column('understood', sa.String(length=40), nullable=True),
    sa.Column('involved', sa.String(length=40), nullable=True),
    sa.Column('respected', sa.String(length=40), nullable=True),
    sa.Column('worked_together', sa.String(length=40), nullable=True),
    sa.Column('proportionate', sa.String(length=40), nullable=True),
    sa.Column('first_asked_outcomes', sa.String(length=40), nullable=True),
    sa.Column('second_asked_outcomes', sa.String(length=40), nullable=True),
    sa.Column('first_outcomes_achieved', sa.String(length=40), nullable=True),
    sa.Column('second_outcomes_achieved', sa.String(length=40), nullable=True),
    sa.Column('first_feel_safer', sa.String(length=40), nullable=True),
    sa.Column('second_feel_safer', sa.String(length=40), nullable=True),
    sa.Column('first_listened_to', sa.String(length=40), nullable=True),
    sa.Column('second_listened_to', sa.String(length=40), nullable=True),
    sa.Column('first_understood', sa.String(length=40), nullable=True),
    sa.Column('second_understood', sa.String(length=40), nullable=True),
    sa.Column('first_involved', sa.String(length=40), nullable=True),
    sa.Column('second_involved', sa.String(length=40), nullable=True),
    sa.Column('first_respected', sa.String(length=40), nullable=True),
    sa.Column('second_respected', sa.String(length=40), nullable=True),
    sa.Column('first_worked_together', sa.String(length=40), nullable=True),
    sa.Column('second_worked_together', sa.String(length=40), nullable=True),
    sa.Column('first_proportionate', sa.String(length=40), nullable=True),
    sa.Column('second_proportionate', sa.String(length=40), nullable=True),
    sa.Column('risk_action', sa.String(length=120), nullable=True),
    sa.Column('risk_outcome', sa.String(length=120), nullable=True),
    sa.Column('lacked_capacity', sa.String(length=120), nullable=True),
    sa.Column('capacity_support', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_conversation_summaries_conversation_id_conversations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conversation_id', name=op.f('pk_conversation_summaries'))
    )
    _fill(op.get_bind(), summaries)  # before the indexes: quicker on a large table
    with op.batch_alter_table('conversation_summaries', schema=None) as batch_op:
        for name, columns in INDEXES:
            batch_op.create_index(name, columns, unique=False)
        batch_op.create_index('ix_conversation_summaries_pairs', PAIRS_INDEX, unique=False,
                              sqlite_where=sa.text('double_coded = 1'), postgresql_where=sa.text('double_coded'))


def downgrade():
    with op.batch_alter_table('conversation_summaries', schema=None) as batch_op:
        batch_op.drop_index('ix_conversation_summaries_pairs')
        for name, _ in reversed(INDEXES):
            batch_op.drop_index(name)
    op.drop_table('conversation_summaries')


def _fill(connection, summaries):
    """A summary for every conversation there is, in batches by id."""
    from feedback_app.data.summaries import CASE_DETAILS_BANK, summary_values
    from feedback_app.models.summaries import CASE_QUESTIONS

    conversations = sa.table(
        'conversations', sa.column('id', sa.Uuid()), sa.column('council_id', sa.Integer()),
        sa.column('organisation_id', sa.Integer()), sa.column('team_id', sa.Integer()),
        sa.column('enquiry_concluded_on', sa.Date()),
        sa.column('started_at', feedback_app.models.base.UTCDateTime(timezone=True)),
        sa.column('status', sa.String()), sa.column('method', sa.String()),
        sa.column('respondent_type', sa.String()), sa.column('double_coded', sa.Boolean()),
    )
    codings = sa.table('codings', sa.column('conversation_id', sa.Uuid()), sa.column('outcome', sa.String()),
                       sa.column('round', sa.Integer()), sa.column('level', sa.String()))
    adjudications = sa.table('adjudications', sa.column('conversation_id', sa.Uuid()),
                             sa.column('outcome', sa.String()), sa.column('level', sa.String()))
    answers = sa.table('answers', sa.column('conversation_id', sa.Uuid()), sa.column('bank_id', sa.String()),
                       sa.column('question_id', sa.String()), sa.column('value', sa.String()))
    names = set(summaries.c.keys())
    last = None
    while True:
        query = sa.select(conversations.c.id).order_by(conversations.c.id).limit(BATCH)
        if last is not None:
            query = query.where(conversations.c.id > last)
        ids = list(connection.scalars(query))
        if not ids:
            return
        first, last = ids[0], ids[-1]
        rows = [row._asdict() for row in connection.execute(
            sa.select(conversations).where(conversations.c.id.between(first, last)))]
        given = defaultdict(list)
        for row in connection.execute(sa.select(codings).where(codings.c.conversation_id.between(first, last))):
            given[row.conversation_id].append((row.outcome, row.round, row.level))
        decided = defaultdict(list)
        for row in connection.execute(
                sa.select(adjudications).where(adjudications.c.conversation_id.between(first, last))):
            decided[row.conversation_id].append((row.outcome, row.level))
        details = defaultdict(dict)
        for row in connection.execute(sa.select(answers).where(
                answers.c.conversation_id.between(first, last), answers.c.bank_id == CASE_DETAILS_BANK,
                answers.c.question_id.in_(CASE_QUESTIONS))):
            details[row.conversation_id][row.question_id] = row.value
        values = [summary_values(row, given[row['id']], decided[row['id']], details[row['id']]) for row in rows]
        connection.execute(summaries.insert(), [{k: v for k, v in value.items() if k in names} for value in values])
