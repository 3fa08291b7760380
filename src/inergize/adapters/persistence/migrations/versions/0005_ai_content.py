"""ai content: content versions, AI calls, AI jobs, content preferences

Revision ID: 0005
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inergize.adapters.persistence.types as itypes

revision = '0005'
down_revision = '0001'
branch_labels = ('ai_content',)
depends_on = None


def upgrade() -> None:
    op.create_table('content_versions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('content_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('data', itypes.JSONType, nullable=False),
    sa.Column('media', itypes.JSONType, nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('moderation', itypes.JSONType, nullable=False),
    sa.Column('provider', sa.String(length=32), nullable=True),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['content_id'], ['content.id'], name=op.f('fk_content_versions_content_id_content'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_content_versions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_versions')),
    sa.UniqueConstraint('content_id', 'number', name=op.f('uq_content_versions_content_id_number')),
    )
    op.create_table('ai_calls',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('capability', sa.String(length=16), nullable=False),
    sa.Column('provider', sa.String(length=32), nullable=False),
    sa.Column('model', sa.String(length=100), nullable=False),
    sa.Column('tokens_in', sa.Integer(), nullable=False),
    sa.Column('tokens_out', sa.Integer(), nullable=False),
    sa.Column('cost_micros', sa.BigInteger(), nullable=False),
    sa.Column('outcome', sa.String(length=48), nullable=False),
    sa.Column('latency_ms', sa.Integer(), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ai_calls_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ai_calls')),
    )
    with op.batch_alter_table('ai_calls', schema=None) as batch_op:
        batch_op.create_index('ix_ai_calls_user_created', ['user_id', 'created_at'], unique=False)
    op.create_table('ai_jobs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('params', itypes.JSONType, nullable=False),
    sa.Column('result', itypes.JSONType, nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ai_jobs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ai_jobs')),
    )
    op.create_table('content_preferences',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('banned_phrases', itypes.JSONType, nullable=False),
    sa.Column('brand_colors', itypes.JSONType, nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_content_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_content_preferences')),
    )


def downgrade() -> None:
    op.drop_table('content_preferences')
    op.drop_table('ai_jobs')
    with op.batch_alter_table('ai_calls', schema=None) as batch_op:
        batch_op.drop_index('ix_ai_calls_user_created')
    op.drop_table('ai_calls')
    op.drop_table('content_versions')
