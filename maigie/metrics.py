"""Prometheus series of the application itself (served by django-prometheus' ``/metrics``).

Job queue depth and outcomes are in ``maigie.jobs.metrics``. Under several processes set
``PROMETHEUS_MULTIPROC_DIR``: the gauge is summed over live processes.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge

WEBSOCKET_CONNECTIONS = Gauge(
    "maigie_websocket_connections", "Open WebSocket connections.", ["path"], multiprocess_mode="livesum"
)
AI_TOKENS = Counter("maigie_ai_tokens", "Tokens of the assistant's replies.", ["model", "kind"])
AI_COST = Counter("maigie_ai_cost_usd", "Estimated cost of the assistant's replies, USD.", ["model"])
