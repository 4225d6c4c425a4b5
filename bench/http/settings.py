"""Production settings plus the benchmark's bare view (``bench.http.urls``); nothing else differs."""

from maigie.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.http.urls"
