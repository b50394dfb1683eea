"""employees, assignment and rank history, position_incumbents view, users.employee_id FK

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 11:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PNS_RANKS = ("'I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', "
              "'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'")
_PPPK_GRADES = ("'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', "
                "'XV', 'XVI', 'XVII'")

# B (bezetting) per position, read by the positions feature; not a model, so `alembic check` ignores it.
_INCUMBENTS_VIEW = """
CREATE VIEW position_incumbents AS
SELECT position_id, count(*)::integer AS incumbents
FROM employees
WHERE status = 'active' AND position_id IS NOT NULL
GROUP BY position_id
"""


def upgrade() -> None:
    op.create_table('employees',
    sa.Column('nip', sa.String(length=18), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('front_title', sa.String(length=50), nullable=True),
    sa.Column('back_title', sa.String(length=50), nullable=True),
    sa.Column('gender', sa.String(length=8), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('birth_place', sa.String(length=100), nullable=True),
    sa.Column('employment_type', sa.String(length=16), nullable=False),
    sa.Column('rank', sa.String(length=8), nullable=True),
    sa.Column('rank_effective_date', sa.Date(), nullable=True),
    sa.Column('civil_service_start', sa.Date(), nullable=True),
    sa.Column('education_level', sa.String(length=4), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'active'"), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('position_id', sa.UUID(), nullable=True),
    sa.Column('org_unit_id', sa.UUID(), nullable=True),
    sa.Column('position_since', sa.Date(), nullable=True),
    sa.Column('retirement_date', sa.Date(), nullable=False),
    sa.Column('nik', sa.String(length=16), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('address', sa.String(length=500), nullable=True),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("nip ~ '^[0-9]{18}$'", name=op.f('ck_employees_nip_format')),
    sa.CheckConstraint("nik IS NULL OR nik ~ '^[0-9]{16}$'", name=op.f('ck_employees_nik_format')),
    sa.CheckConstraint("gender IN ('male', 'female')", name=op.f('ck_employees_gender')),
    sa.CheckConstraint("employment_type IN ('pns', 'cpns', 'pppk', 'pppk_paruh_waktu')", name=op.f('ck_employees_employment_type')),
    sa.CheckConstraint("education_level IN ('sd', 'smp', 'sma', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3')", name=op.f('ck_employees_education_level')),
    sa.CheckConstraint("status IN ('active', 'retired', 'resigned', 'dismissed', 'deceased')", name=op.f('ck_employees_status')),
    sa.CheckConstraint(
        f"rank IS NULL OR (employment_type IN ('pns', 'cpns') AND rank IN ({_PNS_RANKS}))"
        f" OR (employment_type IN ('pppk', 'pppk_paruh_waktu') AND rank IN ({_PPPK_GRADES}))",
        name=op.f('ck_employees_rank')),
    sa.CheckConstraint("status = 'active' OR status_date IS NOT NULL", name=op.f('ck_employees_status_date')),
    sa.CheckConstraint("status = 'active' OR position_id IS NULL", name=op.f('ck_employees_inactive_unassigned')),
    sa.CheckConstraint('(position_id IS NULL) = (position_since IS NULL)', name=op.f('ck_employees_position_since')),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], name=op.f('fk_employees_position_id_positions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['org_unit_id'], ['org_units.id'], name=op.f('fk_employees_org_unit_id_org_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employees')),
    sa.UniqueConstraint('nip', name=op.f('uq_employees_nip'))
    )
    op.create_index('ix_employees_full_name_id', 'employees', ['full_name', 'id'], unique=False)
    op.create_index('ix_employees_nip_prefix', 'employees', ['nip'], unique=False,
                    postgresql_ops={'nip': 'text_pattern_ops'})
    op.create_index('ix_employees_birth_date_id', 'employees', ['birth_date', 'id'], unique=False)
    op.create_index('ix_employees_updated_at_id', 'employees', ['updated_at', 'id'], unique=False)
    op.create_index('ix_employees_org_unit_id', 'employees', ['org_unit_id'], unique=False)
    op.create_index('ix_employees_active_position_id', 'employees', ['position_id'], unique=False,
                    postgresql_where=sa.text("status = 'active'"))
    op.create_index('ix_employees_employment_type', 'employees', ['employment_type'], unique=False)
    op.create_index('ix_employees_rank', 'employees', ['rank'], unique=False)

    op.create_table('employee_assignments',
    sa.Column('employee_id', sa.UUID(), nullable=False),
    sa.Column('position_id', sa.UUID(), nullable=False),
    sa.Column('org_unit_id', sa.UUID(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('decree_number', sa.String(length=100), nullable=True),
    sa.Column('decree_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.CheckConstraint("kind IN ('initial', 'promotion', 'rotation', 'transfer', 'equalization', 'demotion', 'acting')", name=op.f('ck_employee_assignments_kind')),
    sa.CheckConstraint('end_date IS NULL OR end_date >= effective_date', name=op.f('ck_employee_assignments_dates')),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_employee_assignments_employee_id_employees'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], name=op.f('fk_employee_assignments_position_id_positions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['org_unit_id'], ['org_units.id'], name=op.f('fk_employee_assignments_org_unit_id_org_units'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employee_assignments'))
    )
    op.create_index('uq_employee_assignments_current', 'employee_assignments', ['employee_id'], unique=True,
                    postgresql_where=sa.text('end_date IS NULL'))
    op.create_index('ix_employee_assignments_employee_id_effective_date', 'employee_assignments',
                    ['employee_id', 'effective_date'], unique=False)
    op.create_index('ix_employee_assignments_position_id', 'employee_assignments', ['position_id'], unique=False)
    op.create_index('ix_employee_assignments_org_unit_id', 'employee_assignments', ['org_unit_id'], unique=False)

    op.create_table('employee_ranks',
    sa.Column('employee_id', sa.UUID(), nullable=False),
    sa.Column('rank', sa.String(length=8), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('decree_number', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('id', sa.UUID(), nullable=False),
    sa.CheckConstraint("kind IN ('regular', 'selection', 'education_adjustment', 'other')", name=op.f('ck_employee_ranks_kind')),
    sa.CheckConstraint(f"rank IN ({_PNS_RANKS}, {_PPPK_GRADES})", name=op.f('ck_employee_ranks_rank')),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_employee_ranks_employee_id_employees'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employee_ranks'))
    )
    op.create_index('ix_employee_ranks_employee_id_effective_date', 'employee_ranks',
                    ['employee_id', 'effective_date'], unique=False)

    op.create_foreign_key(op.f('fk_users_employee_id_employees'), 'users', 'employees', ['employee_id'], ['id'],
                          ondelete='RESTRICT')
    op.execute(_INCUMBENTS_VIEW)


def downgrade() -> None:
    op.execute('DROP VIEW position_incumbents')
    op.drop_constraint(op.f('fk_users_employee_id_employees'), 'users', type_='foreignkey')
    op.drop_index('ix_employee_ranks_employee_id_effective_date', table_name='employee_ranks')
    op.drop_table('employee_ranks')
    op.drop_index('ix_employee_assignments_org_unit_id', table_name='employee_assignments')
    op.drop_index('ix_employee_assignments_position_id', table_name='employee_assignments')
    op.drop_index('ix_employee_assignments_employee_id_effective_date', table_name='employee_assignments')
    op.drop_index('uq_employee_assignments_current', table_name='employee_assignments',
                  postgresql_where=sa.text('end_date IS NULL'))
    op.drop_table('employee_assignments')
    op.drop_index('ix_employees_rank', table_name='employees')
    op.drop_index('ix_employees_employment_type', table_name='employees')
    op.drop_index('ix_employees_active_position_id', table_name='employees',
                  postgresql_where=sa.text("status = 'active'"))
    op.drop_index('ix_employees_org_unit_id', table_name='employees')
    op.drop_index('ix_employees_updated_at_id', table_name='employees')
    op.drop_index('ix_employees_birth_date_id', table_name='employees')
    op.drop_index('ix_employees_nip_prefix', table_name='employees')
    op.drop_index('ix_employees_full_name_id', table_name='employees')
    op.drop_table('employees')
