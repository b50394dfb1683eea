"""Positions (jabatan): slots in a unit with kind, class (kelas jabatan 1–17), workload (ABK) and staffing."""
