"""index incidents.updated_at for the dashboards' data version

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 17:40:00.000000
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # core.metrics.data_version reads max(updated_at) on every dashboard rerun: from the index, not the rows.
    op.create_index('ix_incidents_updated_at', 'incidents', ['updated_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_incidents_updated_at', table_name='incidents')
