"""gunicorn settings for the HTTP API (WebSockets are served by daphne)."""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 30
keepalive = 5
# Request lines up to 8190 bytes reach Django, which answers a query string over
# QUERY_STRING_MAX_LENGTH (4096) with a JSON 414; gunicorn's own default (4094) would refuse first.
limit_request_line = 8190
accesslog = None  # the app logs one structured line per request
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
