"""Benchmarks: ``python -m bench.jobs`` (Celery latency and throughput)."""
