"""Sentry error reporting: the user's id, the request's and the job's context, personal data scrubbed.

:func:`init` runs from the settings when ``SENTRY_DSN`` is set (web, ws, worker and beat processes
alike), with the Django, Celery and Redis integrations and ``send_default_pii=False``. Every event
carries:

- ``user``: the signed-in user's id only (no e-mail, name or IP address);
- tags ``request_id`` (the ``X-Request-ID`` answer header), ``trace_id`` (while tracing is on) and
  ``route`` (the URL pattern, not the path with its ids);
- in a Celery task, tags ``celery_task``, ``celery_task_id`` and ``job_id`` (the learner's Job).

:func:`scrub` runs on every event, transaction and breadcrumb before it leaves the process:
e-mail addresses, JWTs, bearer tokens, Stripe and OpenAI keys and secret query parameters are
replaced in every string; values under secret keys (passwords, tokens, cookies, push subscription
keys, ...) and, in request bodies and extra data, the learner's texts (note and chat bodies, card
sides, titles, names) become ``[Filtered]``; request headers keep only a few harmless ones and
cookies are dropped. Stack frames are sent without their local variables (their reprs, e.g. of a
Celery task's request, can hold any text); were they enabled, the same key rules would apply.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, cast

import sentry_sdk
from celery import signals
from django.db import DatabaseError
from django.http import HttpRequest
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.redis import RedisIntegration
from sentry_sdk.scope import add_global_event_processor

from maigie import tracing

if TYPE_CHECKING:
    from sentry_sdk._types import Event, Hint

FILTERED = "[Filtered]"

#: The current Django request, set by ``RequestContextMiddleware`` (read when an event is captured).
current_request: ContextVar[HttpRequest | None] = ContextVar("sentry_request", default=None)

_PATTERNS = (
    (re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), "[jwt]"),
    (re.compile(r"(?i)\b(bearer|token|basic)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 [Filtered]"),
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"), "[email]"),
    (re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}|\bwhsec_[A-Za-z0-9]{8,}"), "[stripe-key]"),
    (re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"), "[api-key]"),
    (
        re.compile(r"(?i)([?&;](?:[a-z_]*token|key|code|password|secret|signature|auth|sig)=)[^&;#\s'\"]+"),
        r"\1[Filtered]",
    ),
)
#: Keys whose values are secret wherever they appear (compared lower-case without ``-`` and ``_``).
_SECRET_KEYS = frozenset(
    {
        "authorization",
        "proxyauthorization",
        "cookie",
        "setcookie",
        "password",
        "password1",
        "password2",
        "oldpassword",
        "newpassword",
        "passwd",
        "secret",
        "clientsecret",
        "token",
        "accesstoken",
        "refreshtoken",
        "idtoken",
        "key",
        "apikey",
        "xapikey",
        "p256dh",
        "auth",
        "endpoint",
        "subscription",
        "keys",
        "sessionid",
        "csrftoken",
        "xcsrftoken",
        "csrfmiddlewaretoken",
        "stripesignature",
        "signature",
        "otp",
        "code",
    }
)
_SECRET_PARTS = ("password", "secret", "token", "cookie", "authorization", "apikey", "privatekey")
#: The learner's own texts and names: filtered in request bodies, local variables and extra data.
_TEXT_KEYS = frozenset(
    {
        "content",
        "body",
        "text",
        "message",
        "messages",
        "prompt",
        "question",
        "answer",
        "front",
        "back",
        "transcript",
        "summary",
        "title",
        "description",
        "notes",
        "email",
        "name",
        "firstname",
        "lastname",
        "displayname",
        "fullname",
        "username",
        "phone",
    }
)
#: Request headers kept as they are; the others are dropped.
_SAFE_HEADERS = frozenset(
    {"accept", "accept-language", "content-length", "content-type", "host", "user-agent", "x-request-id"}
)


def _normal(key: Any) -> str:
    return str(key).lower().replace("-", "").replace("_", "")


def _secret_key(key: Any) -> bool:
    normal = _normal(key)
    return normal in _SECRET_KEYS or any(part in normal for part in _SECRET_PARTS)


def scrub_text(value: str) -> str:
    """``value`` with e-mail addresses, tokens, keys and secret query parameters replaced."""
    for pattern, replacement in _PATTERNS:
        value = pattern.sub(replacement, value)
    return value


def _scrub(value: Any, *, texts: bool) -> Any:
    """Scrub strings everywhere in ``value``; filter secret keys (and the learner's texts if ``texts``)."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, Mapping):
        result = {}
        for key, item in value.items():
            filtered = _secret_key(key) or (texts and _normal(key) in _TEXT_KEYS)
            if filtered and item not in (None, "", [], {}) and not isinstance(item, (bool, int, float)):
                result[key] = FILTERED
            else:
                result[key] = _scrub(item, texts=texts)
        return result
    if isinstance(value, (list, tuple)):
        return [_scrub(item, texts=texts) for item in value]
    return value


def _scrub_request(request: dict[str, Any]) -> dict[str, Any]:
    request = dict(request)
    request.pop("cookies", None)
    headers = request.get("headers")
    if isinstance(headers, Mapping):
        request["headers"] = {k: scrub_text(str(v)) for k, v in headers.items() if str(k).lower() in _SAFE_HEADERS}
    if "data" in request:
        data = request["data"]
        request["data"] = FILTERED if isinstance(data, str) and data else _scrub(data, texts=True)
    for key in ("url", "query_string"):
        if isinstance(request.get(key), str):
            request[key] = scrub_text(request[key])
    request.pop("env", None)  # REMOTE_ADDR and the server's name
    return request


def scrub(event: Event, hint: Hint | None = None) -> Event:
    """``before_send``/``before_send_transaction``: the event without personal data or secrets."""
    scrubbed: dict[str, Any] = {}
    for key, value in event.items():
        if key == "request" and isinstance(value, Mapping):
            scrubbed[key] = _scrub_request(dict(value))
        elif key == "user" and isinstance(value, Mapping):
            scrubbed[key] = {"id": str(value["id"])} if value.get("id") else {}
        elif key == "extra":
            scrubbed[key] = _scrub(value, texts=True)
        elif key == "breadcrumbs" and isinstance(value, Mapping):
            scrubbed[key] = {**value, "values": [scrub_breadcrumb(crumb) for crumb in value.get("values", [])]}
        elif key in ("exception", "threads"):
            scrubbed[key] = _scrub_frames(value)
        else:
            scrubbed[key] = _scrub(value, texts=False)
    return cast("Event", scrubbed)


def _scrub_frames(value: Any) -> Any:
    """Exceptions and threads: local variables lose secrets and texts; other strings are scrubbed."""
    if isinstance(value, Mapping):
        return {k: _scrub(v, texts=True) if k == "vars" else _scrub_frames(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_frames(item) for item in value]
    return _scrub(value, texts=False)


_SQL_LITERAL = re.compile(r"'(?:[^']|'')*'")


def scrub_breadcrumb(crumb: dict[str, Any], hint: Any = None) -> dict[str, Any]:
    """``before_breadcrumb``: a log line, query or HTTP call without personal data or secrets.

    A query keeps its statement with every string literal replaced by ``'?'`` and no parameters.
    """
    crumb = {k: _scrub(v, texts=k == "data") for k, v in crumb.items()}
    if crumb.get("category") == "query":
        if isinstance(crumb.get("message"), str):
            crumb["message"] = _SQL_LITERAL.sub("'?'", crumb["message"])
        if isinstance(crumb.get("data"), dict):
            crumb["data"] = {k: v for k, v in crumb["data"].items() if "param" not in k}
    return crumb


def _request_context(event: Event, hint: Hint) -> Event:
    """Add the signed-in user's id and the request's tags to an event captured during a request."""
    tags = event.setdefault("tags", {})
    current_trace = tracing.trace_id()
    if current_trace:
        tags["trace_id"] = current_trace
    request = current_request.get()
    if request is None:
        return event
    tags["request_id"] = str(getattr(request, "request_id", ""))
    match = getattr(request, "resolver_match", None)
    if match is not None:
        tags["route"] = "/" + match.route
    try:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            event["user"] = {"id": str(user.pk)}
    except DatabaseError:  # the session's user cannot be loaded: report the error without it
        pass
    return event


def _task_context(sender: Any = None, task_id: str = "", args: Any = (), kwargs: Any = None, **_: Any) -> None:
    """``task_prerun``: tag the task's Sentry scope with its name, id and the learner's Job."""
    sentry_sdk.set_tag("celery_task", getattr(sender, "name", ""))
    sentry_sdk.set_tag("celery_task_id", task_id)
    try:
        bound = inspect.signature(sender.run).bind_partial(*(args or ()), **(kwargs or {}))
    except (TypeError, ValueError, AttributeError):
        return
    job_id = bound.arguments.get("job_id")
    if job_id:
        sentry_sdk.set_tag("job_id", str(job_id))


_installed = False


def init(*, dsn: str, environment: str, traces_sample_rate: float = 0.0, release: str | None = None) -> None:
    """Start reporting to ``dsn`` with the integrations, context and scrubbing above."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        include_local_variables=False,  # a frame's variables can hold anything the learner wrote
        integrations=[DjangoIntegration(), CeleryIntegration(), RedisIntegration()],
        before_send=scrub,
        before_send_transaction=scrub,
        before_breadcrumb=scrub_breadcrumb,
    )
    global _installed
    if not _installed:  # once per process, however often the client is replaced
        add_global_event_processor(_request_context)
        _installed = True
    signals.task_prerun.connect(_task_context, weak=False, dispatch_uid="maigie.sentry.task_context")
