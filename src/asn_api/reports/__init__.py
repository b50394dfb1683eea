"""Reports: read-only aggregates across features, one SQL query per report (no per-row loops)."""
