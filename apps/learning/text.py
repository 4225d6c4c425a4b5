"""Text helpers for learning: markdown rendering with sanitising, plain text and snippets, URL normalisation."""

from __future__ import annotations

import html
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import markdown
import nh3

_DEFAULT_PORTS = {"http": 80, "https": 443}
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Private-use characters that carry a headline's highlighting through the markup stripping.
_MARK_START, _MARK_END = "\ue000", "\ue001"


def render_markdown(text: str) -> str:
    """Markdown to HTML, sanitised: no scripts, no event handlers, no ``javascript:`` URLs."""
    html = markdown.markdown(text, extensions=["fenced_code", "tables", "sane_lists"])
    return nh3.clean(html, url_schemes=_ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer nofollow")


def plain_text(text: str) -> str:
    """What a reader sees of markdown or HTML ``text``: its words without markup, scripts or URLs,
    one paragraph (heading, list item, ...) per blank-line separated block."""
    visible = html.unescape(nh3.clean(markdown.markdown(text), tags=set()))
    lines = (" ".join(line.split()) for line in visible.splitlines())
    return "\n\n".join(line for line in lines if line)


def sanitize_snippet(headline: str) -> str:
    """A search headline over markdown as plain, escaped text that keeps only its ``<mark>`` highlighting."""
    marked = headline.replace("<mark>", _MARK_START).replace("</mark>", _MARK_END)
    text = html.escape(" ".join(plain_text(marked).split()), quote=False)
    return text.replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")


def escape_snippet(text: str) -> str:
    """Plain ``text`` as a snippet: HTML-escaped, so every ``snippet`` the API answers inserts safely as HTML."""
    return html.escape(text, quote=False)


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
