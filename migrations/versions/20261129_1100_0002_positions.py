"""positions and workloads

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 10:38:53.558752
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('positions',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('functional_track', sa.String(length=16), nullable=True),
    sa.Column('functional_level', sa.String(length=16), nullable=True),
    sa.Column('grade', sa.SmallInteger(), nullable=False),
    sa.Column('org_unit_id', sa.UUID(), nullable=False),
    sa.Column('reports_to_id', sa.UUID(), nullable=True),
    sa.Column('min_rank', sa.String(length=8), nullable=True),
    sa.Column('required_headcount', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('headcount_basis', sa.String(length=16), server_default=sa.text("'manual'"), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'active'"), nullable=False),
    sa.Column('abolished_on', sa.Date(), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("(kind = 'fungsional') = (functional_track IS NOT NULL AND functional_level IS NOT NULL) AND (kind = 'fungsional' OR (functional_track IS NULL AND functional_level IS NULL))", name=op.f('ck_positions_functional_fields')),
    sa.CheckConstraint("(status = 'abolished') = (abolished_on IS NOT NULL)", name=op.f('ck_positions_abolished_on')),
    sa.CheckConstraint("headcount_basis IN ('manual', 'workload')", name=op.f('ck_positions_headcount_basis')),
    sa.CheckConstraint("kind IN ('jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'pelaksana', 'fungsional')", name=op.f('ck_positions_kind')),
    sa.CheckConstraint("status IN ('active', 'abolished')", name=op.f('ck_positions_status')),
    sa.CheckConstraint('grade BETWEEN 1 AND 17', name=op.f('ck_positions_grade')),
    sa.CheckConstraint('required_headcount BETWEEN 0 AND 10000', name=op.f('ck_positions_required_headcount')),
    sa.ForeignKeyConstraint(['org_unit_id'], ['org_units.id'], name=op.f('fk_positions_org_unit_id_org_units'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reports_to_id'], ['positions.id'], name=op.f('fk_positions_reports_to_id_positions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_positions')),
    sa.UniqueConstraint('code', name=op.f('uq_positions_code'))
    )
    op.create_index('ix_positions_grade_id', 'positions', ['grade', 'id'], unique=False)
    op.create_index('ix_positions_org_unit_id_code', 'positions', ['org_unit_id', 'code'], unique=False)
    op.create_index('ix_positions_reports_to_id', 'positions', ['reports_to_id'], unique=False)
    op.create_index('ix_positions_title_id', 'positions', ['title', 'id'], unique=False)
    op.create_index('ix_positions_updated_at_id', 'positions', ['updated_at', 'id'], unique=False)
    op.create_table('position_workloads',
    sa.Column('position_id', sa.UUID(), nullable=False),
    sa.Column('tasks', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('total_minutes', sa.Numeric(precision=16, scale=2), nullable=False),
    sa.Column('required_headcount_exact', sa.Numeric(precision=12, scale=4), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], name=op.f('fk_position_workloads_position_id_positions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('position_id', name=op.f('pk_position_workloads'))
    )


def downgrade() -> None:
    op.drop_table('position_workloads')
    op.drop_index('ix_positions_updated_at_id', table_name='positions')
    op.drop_index('ix_positions_title_id', table_name='positions')
    op.drop_index('ix_positions_reports_to_id', table_name='positions')
    op.drop_index('ix_positions_org_unit_id_code', table_name='positions')
    op.drop_index('ix_positions_grade_id', table_name='positions')
    op.drop_table('positions')
