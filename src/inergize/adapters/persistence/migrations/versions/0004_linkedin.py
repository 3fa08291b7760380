"""linkedin: connections with encrypted tokens, OAuth states, sign-in identities, direct posts, sandbox

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-24 21:15:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inergize.adapters.persistence.types as itypes

revision = '0004'
down_revision = '0001'
branch_labels = ('linkedin',)
depends_on = None


def upgrade() -> None:
    op.create_table('linkedin_connections',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('adapter', sa.String(length=16), nullable=False),
    sa.Column('linkedin_sub', sa.String(length=100), nullable=False),
    sa.Column('member_urn', sa.String(length=150), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('access_token_enc', sa.Text(), nullable=False),
    sa.Column('refresh_token_enc', sa.Text(), nullable=True),
    sa.Column('expires_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('refresh_expires_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('scopes', itypes.JSONType, nullable=False),
    sa.Column('connected_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('last_refresh_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('reconsent_notified_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_linkedin_connections_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_linkedin_connections')),
    sa.UniqueConstraint('user_id', name=op.f('uq_linkedin_connections_user_id')),
    info={'owner': 'user_id'}
    )
    op.create_index('ix_linkedin_connections_expires', 'linkedin_connections', ['expires_at'], unique=False)
    op.create_table('linkedin_identities',
    sa.Column('sub', sa.String(length=100), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('email_verified', sa.Boolean(), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('last_login_at', itypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_linkedin_identities_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sub', name=op.f('pk_linkedin_identities')),
    info={'owner': 'user_id'}
    )
    op.create_index('ix_linkedin_identities_user', 'linkedin_identities', ['user_id'], unique=False)
    op.create_table('linkedin_oauth_states',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('state_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('redirect_uri', sa.Text(), nullable=False),
    sa.Column('data', itypes.JSONType, nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('used_at', itypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_linkedin_oauth_states_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_linkedin_oauth_states')),
    sa.UniqueConstraint('state_hash', name=op.f('uq_linkedin_oauth_states_state_hash')),
    info={'owner': 'user_id'}
    )
    op.create_index('ix_linkedin_oauth_states_expires', 'linkedin_oauth_states', ['expires_at'], unique=False)
    op.create_table('linkedin_posts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('commentary', sa.Text(), nullable=False),
    sa.Column('request', itypes.JSONType, nullable=False),
    sa.Column('media_urns', itypes.JSONType, nullable=False),
    sa.Column('post_urn', sa.String(length=200), nullable=True),
    sa.Column('first_comment_urn', sa.String(length=200), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('published_at', itypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_linkedin_posts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_linkedin_posts')),
    info={'owner': 'user_id'}
    )
    op.create_index('ix_linkedin_posts_user_created', 'linkedin_posts', ['user_id', 'created_at'], unique=False)
    op.create_index('uq_linkedin_posts_user_key', 'linkedin_posts', ['user_id', 'idempotency_key'], unique=True)
    op.create_table('sandbox_accounts',
    sa.Column('sub', sa.String(length=100), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('profile', itypes.JSONType, nullable=False),
    sa.Column('followers', sa.Integer(), nullable=False),
    sa.Column('misbehave', itypes.JSONType, nullable=False),
    sa.Column('api_calls', itypes.JSONType, nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sandbox_accounts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sub', name=op.f('pk_sandbox_accounts')),
    info={'owner': 'user_id'}
    )
    op.create_index('ix_sandbox_accounts_user', 'sandbox_accounts', ['user_id'], unique=False)
    op.create_table('sandbox_interactions',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('account_sub', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('target_urn', sa.String(length=150), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_sub'], ['sandbox_accounts.sub'], name=op.f('fk_sandbox_interactions_account_sub_sandbox_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sandbox_interactions'))
    )
    op.create_index('ix_sandbox_interactions_account_kind', 'sandbox_interactions', ['account_sub', 'kind', 'created_at'], unique=False)
    op.create_table('sandbox_media',
    sa.Column('urn', sa.String(length=150), nullable=False),
    sa.Column('account_sub', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_sub'], ['sandbox_accounts.sub'], name=op.f('fk_sandbox_media_account_sub_sandbox_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('urn', name=op.f('pk_sandbox_media'))
    )
    op.create_table('sandbox_members',
    sa.Column('urn', sa.String(length=150), nullable=False),
    sa.Column('account_sub', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('headline', sa.String(length=300), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=False),
    sa.Column('degree', sa.Integer(), nullable=False),
    sa.Column('connected_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_sub'], ['sandbox_accounts.sub'], name=op.f('fk_sandbox_members_account_sub_sandbox_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('urn', name=op.f('pk_sandbox_members'))
    )
    op.create_index('ix_sandbox_members_account_degree', 'sandbox_members', ['account_sub', 'degree', 'created_at'], unique=False)
    op.create_table('sandbox_posts',
    sa.Column('urn', sa.String(length=150), nullable=False),
    sa.Column('account_sub', sa.String(length=100), nullable=False),
    sa.Column('commentary', sa.Text(), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('media', itypes.JSONType, nullable=False),
    sa.Column('features', itypes.JSONType, nullable=False),
    sa.Column('activity', itypes.JSONType, nullable=False),
    sa.Column('created_at', itypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', itypes.UTCDateTime(), nullable=True),
    sa.Column('simulated_until', itypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_sub'], ['sandbox_accounts.sub'], name=op.f('fk_sandbox_posts_account_sub_sandbox_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('urn', name=op.f('pk_sandbox_posts'))
    )
    op.create_index('ix_sandbox_posts_account_created', 'sandbox_posts', ['account_sub', 'created_at'], unique=False)
    op.create_index('ix_sandbox_posts_account_hash', 'sandbox_posts', ['account_sub', 'text_hash'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_sandbox_posts_account_hash', table_name='sandbox_posts')
    op.drop_index('ix_sandbox_posts_account_created', table_name='sandbox_posts')
    op.drop_table('sandbox_posts')
    op.drop_index('ix_sandbox_members_account_degree', table_name='sandbox_members')
    op.drop_table('sandbox_members')
    op.drop_table('sandbox_media')
    op.drop_index('ix_sandbox_interactions_account_kind', table_name='sandbox_interactions')
    op.drop_table('sandbox_interactions')
    op.drop_index('ix_sandbox_accounts_user', table_name='sandbox_accounts')
    op.drop_table('sandbox_accounts')
    op.drop_index('uq_linkedin_posts_user_key', table_name='linkedin_posts')
    op.drop_index('ix_linkedin_posts_user_created', table_name='linkedin_posts')
    op.drop_table('linkedin_posts')
    op.drop_index('ix_linkedin_oauth_states_expires', table_name='linkedin_oauth_states')
    op.drop_table('linkedin_oauth_states')
    op.drop_index('ix_linkedin_identities_user', table_name='linkedin_identities')
    op.drop_table('linkedin_identities')
    op.drop_index('ix_linkedin_connections_expires', table_name='linkedin_connections')
    op.drop_table('linkedin_connections')
