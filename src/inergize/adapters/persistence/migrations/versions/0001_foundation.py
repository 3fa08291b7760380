"""foundation: seed schema, idempotency keys, outbox

Revision ID: 0001
Revises:
Create Date: 2026-11-24 20:57:53.101762
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inergize.adapters.persistence.types as itypes

revision = '0001'
down_revision = None
branch_labels = ('foundation',)
depends_on = None


def upgrade() -> None:
    op.create_table('idempotency_keys',
    sa.Column('owner', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('owner', 'key', name=op.f('pk_idempotency_keys')),
    )
    op.create_table('outbox',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('payload', itypes.JSONType, nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('available_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('sent_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_pending', ['sent_at', 'available_at'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('display_name', sa.String(length=200), server_default='', nullable=False),
    sa.Column('role', sa.String(length=16), server_default='member', nullable=False),
    sa.Column('status', sa.String(length=16), server_default='active', nullable=False),
    sa.Column('email_verified_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('timezone', sa.String(length=64), server_default='UTC', nullable=False),
    sa.Column('industry', sa.String(length=100), nullable=True),
    sa.Column('job_role', sa.String(length=100), nullable=True),
    sa.Column('tone', sa.String(length=100), nullable=True),
    sa.Column('working_hours', itypes.JSONType, nullable=False),
    sa.Column('tier', sa.String(length=32), server_default='free', nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email')),
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index('ix_users_created_at_id', ['created_at', 'id'], unique=False)

    op.create_table('analytics_events',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('event_type', sa.String(length=48), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=True),
    sa.Column('value', sa.Integer(), server_default='0', nullable=False),
    sa.Column('payload', itypes.JSONType, nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('dedupe_key', sa.String(length=300), nullable=True),
    sa.Column('occurred_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_analytics_events_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analytics_events')),
    )
    with op.batch_alter_table('analytics_events', schema=None) as batch_op:
        batch_op.create_index('ix_analytics_events_user_occurred', ['user_id', 'occurred_at'], unique=False)
        batch_op.create_index('ix_analytics_events_user_type_occurred', ['user_id', 'event_type', 'occurred_at'], unique=False)
        batch_op.create_index('uq_analytics_events_dedupe', ['user_id', 'dedupe_key'], unique=True)

    op.create_table('automation_logs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('action_type', sa.String(length=32), nullable=False),
    sa.Column('target', sa.String(length=300), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('detail', itypes.JSONType, nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_automation_logs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_automation_logs')),
    )
    with op.batch_alter_table('automation_logs', schema=None) as batch_op:
        batch_op.create_index('ix_automation_logs_user_created', ['user_id', 'created_at'], unique=False)

    op.create_table('compliance_logs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('verdict', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.Column('detail', itypes.JSONType, nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_compliance_logs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_compliance_logs')),
    )
    with op.batch_alter_table('compliance_logs', schema=None) as batch_op:
        batch_op.create_index('ix_compliance_logs_user_created', ['user_id', 'created_at'], unique=False)

    op.create_table('content',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), server_default='draft', nullable=False),
    sa.Column('data', itypes.JSONType, nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_content_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content')),
    )
    with op.batch_alter_table('content', schema=None) as batch_op:
        batch_op.create_index('ix_content_user_created', ['user_id', 'created_at', 'id'], unique=False)

    op.create_table('linkedin_profiles',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('linkedin_sub', sa.String(length=100), nullable=True),
    sa.Column('full_name', sa.String(length=200), nullable=True),
    sa.Column('headline', sa.String(length=300), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('industry', sa.String(length=100), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('photo_url', sa.Text(), nullable=True),
    sa.Column('banner_url', sa.Text(), nullable=True),
    sa.Column('vanity_url', sa.Text(), nullable=True),
    sa.Column('data', itypes.JSONType, nullable=False),
    sa.Column('completeness_score', sa.Integer(), nullable=True),
    sa.Column('last_sync_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_linkedin_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_linkedin_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_linkedin_profiles_user_id')),
    )


def downgrade() -> None:
    op.drop_table('linkedin_profiles')
    with op.batch_alter_table('content', schema=None) as batch_op:
        batch_op.drop_index('ix_content_user_created')

    op.drop_table('content')
    with op.batch_alter_table('compliance_logs', schema=None) as batch_op:
        batch_op.drop_index('ix_compliance_logs_user_created')

    op.drop_table('compliance_logs')
    with op.batch_alter_table('automation_logs', schema=None) as batch_op:
        batch_op.drop_index('ix_automation_logs_user_created')

    op.drop_table('automation_logs')
    with op.batch_alter_table('analytics_events', schema=None) as batch_op:
        batch_op.drop_index('uq_analytics_events_dedupe')
        batch_op.drop_index('ix_analytics_events_user_type_occurred')
        batch_op.drop_index('ix_analytics_events_user_occurred')

    op.drop_table('analytics_events')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index('ix_users_created_at_id')

    op.drop_table('users')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_pending')

    op.drop_table('outbox')
    op.drop_table('idempotency_keys')
