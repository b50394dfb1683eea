"""Employees (pegawai): civil servants with their NIP, rank, current position, assignment and rank history."""
