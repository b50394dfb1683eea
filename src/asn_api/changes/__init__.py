"""The change feed: one entry per committed write, in commit order (see core.journal for why)."""
