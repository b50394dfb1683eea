"""Pure domain rules (identifiers, ranks, positions, workload, retirement): stdlib only, no I/O."""
