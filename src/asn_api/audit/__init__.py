"""The audit trail: who changed what, when, from where — PII masked. Written by core.journal."""
