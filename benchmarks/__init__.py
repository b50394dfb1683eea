"""Benchmarks (`make bench`): the API measured against raw SQL on the same data, side by side in one run.

Absolute times drift on shared machines, so every figure is reported as a ratio to a raw baseline
measured in the same process, against the same private PostgreSQL, interleaved with the API runs.
"""
