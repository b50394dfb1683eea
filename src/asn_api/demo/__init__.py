"""Deterministic, invented demo data for Pemerintah Kota Binjai (stdlib only, no database)."""
