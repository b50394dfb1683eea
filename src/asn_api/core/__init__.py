"""Cross-cutting machinery every feature package uses: settings, database, errors, paging."""
