"""accounts: sessions, refresh tokens, one-time tokens, MFA, notifications, pending emails, audit log

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-24 21:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inergize.adapters.persistence.types as itypes

revision = '0003'
down_revision = '0001'
branch_labels = ('accounts',)
depends_on = None


def _fk_users(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f(f'fk_{table}_user_id_users'), ondelete='CASCADE')


def upgrade() -> None:
    op.create_table('auth_sessions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('last_used_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('revoked_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('revoked_reason', sa.String(length=32), nullable=True),
    sa.Column('ip', sa.String(length=64), nullable=True),
    sa.Column('user_agent', sa.String(length=300), nullable=True),
    _fk_users('auth_sessions'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auth_sessions')),
    )
    op.create_index('ix_auth_sessions_user_created', 'auth_sessions', ['user_id', 'created_at'], unique=False)

    op.create_table('refresh_tokens',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('used_at', itypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['auth_sessions.id'], name=op.f('fk_refresh_tokens_session_id_auth_sessions'), ondelete='CASCADE'),
    _fk_users('refresh_tokens'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refresh_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_refresh_tokens_token_hash')),
    )
    op.create_index('ix_refresh_tokens_session', 'refresh_tokens', ['session_id'], unique=False)

    op.create_table('one_time_tokens',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('purpose', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('data', itypes.JSONType, nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('used_at', itypes.UTCDateTime(), nullable=True),
    _fk_users('one_time_tokens'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_one_time_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_one_time_tokens_token_hash')),
    )
    op.create_index('ix_one_time_tokens_user_purpose', 'one_time_tokens', ['user_id', 'purpose'], unique=False)

    op.create_table('user_security',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('not_before', itypes.UTCDateTime(), nullable=True),
    sa.Column('mfa_secret', sa.String(length=255), nullable=True),
    sa.Column('mfa_pending_secret', sa.String(length=255), nullable=True),
    sa.Column('mfa_enabled_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('mfa_last_step', sa.BigInteger(), nullable=True),
    sa.Column('password_changed_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('known_devices', itypes.JSONType, nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    _fk_users('user_security'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_security')),
    )

    op.create_table('mfa_recovery_codes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('used_at', itypes.UTCDateTime(), nullable=True),
    _fk_users('mfa_recovery_codes'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mfa_recovery_codes')),
    )
    op.create_index('uq_mfa_recovery_codes_user_hash', 'mfa_recovery_codes', ['user_id', 'code_hash'], unique=True)

    op.create_table('notifications',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=True),
    sa.Column('visible', sa.Boolean(), nullable=False),
    sa.Column('email_to', sa.String(length=254), nullable=True),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('read_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('emailed_at', itypes.UTCDateTime(), nullable=True),
    _fk_users('notifications'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    )
    op.create_index('ix_notifications_user_created', 'notifications', ['user_id', 'created_at', 'id'], unique=False)

    op.create_table('notification_preferences',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('in_app', sa.Boolean(), nullable=False),
    sa.Column('email', sa.Boolean(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    _fk_users('notification_preferences'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_preferences')),
    )

    op.create_table('pending_emails',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('to_name', sa.String(length=200), nullable=True),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=True),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    _fk_users('pending_emails'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_emails')),
    )

    op.create_table('audit_log',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.Column('detail', itypes.JSONType, nullable=False),
    sa.Column('ip', sa.String(length=64), nullable=True),
    sa.Column('user_agent', sa.String(length=300), nullable=True),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    )
    op.create_index('ix_audit_log_user_created', 'audit_log', ['user_id', 'created_at', 'id'], unique=False)
    op.create_index('ix_audit_log_created', 'audit_log', ['created_at', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_log_created', table_name='audit_log')
    op.drop_index('ix_audit_log_user_created', table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_table('pending_emails')
    op.drop_table('notification_preferences')
    op.drop_index('ix_notifications_user_created', table_name='notifications')
    op.drop_table('notifications')
    op.drop_index('uq_mfa_recovery_codes_user_hash', table_name='mfa_recovery_codes')
    op.drop_table('mfa_recovery_codes')
    op.drop_table('user_security')
    op.drop_index('ix_one_time_tokens_user_purpose', table_name='one_time_tokens')
    op.drop_table('one_time_tokens')
    op.drop_index('ix_refresh_tokens_session', table_name='refresh_tokens')
    op.drop_table('refresh_tokens')
    op.drop_index('ix_auth_sessions_user_created', table_name='auth_sessions')
    op.drop_table('auth_sessions')
