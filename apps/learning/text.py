"""Text helpers for learning: markdown rendering with sanitising, URL normalisation."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import markdown
import nh3

_DEFAULT_PORTS = {"http": 80, "https": 443}
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_SNIPPET_TAGS = {"mark"}


def render_markdown(text: str) -> str:
    """Markdown to HTML, sanitised: no scripts, no event handlers, no ``javascript:`` URLs."""
    html = markdown.markdown(text, extensions=["fenced_code", "tables", "sane_lists"])
    return nh3.clean(html, url_schemes=_ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer nofollow")


def sanitize_snippet(html: str) -> str:
    """Keep only the ``<mark>`` highlighting of a search headline; escape everything else."""
    return nh3.clean(html, tags=_SNIPPET_TAGS, attributes={})


def normalize_url(url: str) -> str:
    """Canonical form of ``url``: lower-case scheme and host, no default port, no trailing slash,
    no fragment and no ``utm_*`` parameters (the rest of the query keeps its order)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        credentials = parts.username + (f":{parts.password}" if parts.password else "")
        netloc = f"{credentials}@{netloc}"
    path = parts.path.rstrip("/")
    params = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(key, value) for key, value in params if not key.lower().startswith("utm_")])
    return urlunsplit((scheme, netloc, path, query, ""))
