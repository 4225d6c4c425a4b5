"""OpenTelemetry tracing, on only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set (nothing is imported otherwise).

Spans: incoming HTTP (Django), Celery publish and run (the trace context travels in the message
headers, so a task and its retries join the request's trace), Redis commands, SQL statements
(Django's ``execute_wrapper``: opentelemetry-instrumentation-psycopg has no release matching the SDK),
outgoing HTTP through ``requests`` (Stripe) and through ``httpx2`` (the ``openai`` client; no
instrumentation package exists for it, so its transport is wrapped here), and WebSocket messages
(:func:`span` around connect, receive and send in the consumers and around the channel layer's group
send, whose message carries the publisher's context so the socket's send joins the request's trace).
Exported in batches over OTLP/HTTP protobuf to ``<endpoint>/v1/traces``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings

_configured = False
_provider: Any = None  # ours, not the global one: OpenTelemetry lets a process set that only once
SQL_HOOK = "maigie.tracing.sql"


def configure_from_env() -> None:
    """Install tracing if the settings name an OTLP endpoint (each process, once)."""
    if settings.OTEL_EXPORTER_OTLP_ENDPOINT:
        configure(endpoint=settings.OTEL_EXPORTER_OTLP_ENDPOINT)


def configure(*, endpoint: str) -> None:
    """Set the tracer provider exporting to ``endpoint`` and instrument every library we trace."""
    global _configured, _provider
    if _configured:
        return
    from opentelemetry import trace  # noqa: PLC0415  (imported only when tracing is on)
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: PLC0415
    from opentelemetry.instrumentation.celery import CeleryInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.django import DjangoInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.redis import RedisInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.requests import RequestsInstrumentor  # noqa: PLC0415
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415
    from opentelemetry.sdk.trace import TracerProvider  # noqa: PLC0415
    from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415
    from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased  # noqa: PLC0415

    provider = TracerProvider(
        resource=Resource.create({"service.name": settings.OTEL_SERVICE_NAME}),
        sampler=ParentBased(TraceIdRatioBased(settings.OTEL_TRACES_SAMPLER_RATIO)),
    )
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=f"{endpoint.rstrip('/')}/v1/traces")))
    trace.set_tracer_provider(provider)  # for other libraries; refused after a first time (tests reconfigure)
    _provider = provider
    for instrumentor in (DjangoInstrumentor(), CeleryInstrumentor(), RedisInstrumentor(), RequestsInstrumentor()):
        instrumentor.instrument(tracer_provider=provider)
    _instrument_sql()
    _instrument_httpx2()
    _configured = True


def trace_id() -> str | None:
    """The current trace's id (32 hex digits) while tracing is on and a span is active, else None."""
    if not _configured:
        return None
    from opentelemetry import trace  # noqa: PLC0415

    context = trace.get_current_span().get_span_context()
    return trace.format_trace_id(context.trace_id) if context.is_valid else None


@contextmanager
def span(
    name: str, *, kind: str = "INTERNAL", parent: Mapping[str, str] | None = None, **attributes: Any
) -> Iterator[None]:
    """A span named ``name`` around the block while tracing is on (nothing otherwise).

    ``kind`` names an OpenTelemetry ``SpanKind``; ``parent`` is a carrier from :func:`carrier` (another
    process's context) to continue its trace.
    """
    if not _configured:
        yield
        return
    from opentelemetry import propagate, trace  # noqa: PLC0415

    context = propagate.extract(parent) if parent else None
    tracer = _provider.get_tracer("maigie.websocket")
    with tracer.start_as_current_span(name, context=context, kind=trace.SpanKind[kind], attributes=attributes):
        yield


def carrier() -> dict[str, str]:
    """The current trace context as W3C headers (``traceparent``) to put in a message; empty when off."""
    if not _configured:
        return {}
    from opentelemetry import propagate  # noqa: PLC0415

    headers: dict[str, str] = {}
    propagate.inject(headers)
    return headers


def flush(timeout_millis: int = 5000) -> None:
    """Export the spans still buffered (before a process exits, and in tests)."""
    force_flush = getattr(_provider, "force_flush", None)
    if force_flush is not None:
        force_flush(timeout_millis)


def _instrument_sql() -> None:
    """A CLIENT span per SQL statement on every new database connection."""
    from django.db import connections  # noqa: PLC0415
    from django.db.backends.signals import connection_created  # noqa: PLC0415
    from opentelemetry import trace  # noqa: PLC0415

    tracer = _provider.get_tracer("maigie.db")

    def traced(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        operation = sql.split(None, 1)[0].upper() if sql.strip() else "SQL"
        with tracer.start_as_current_span(operation, kind=trace.SpanKind.CLIENT) as span:
            span.set_attribute("db.system.name", "postgresql")
            span.set_attribute("db.query.text", sql[:2000])
            return execute(sql, params, many, context)

    def install(sender: Any, connection: Any, **kwargs: Any) -> None:
        if traced not in connection.execute_wrappers:
            connection.execute_wrappers.append(traced)

    connection_created.connect(install, weak=False, dispatch_uid=SQL_HOOK)
    for connection in connections.all(initialized_only=True):
        install(None, connection)


def _instrument_httpx2() -> None:
    """A CLIENT span per request sent by ``httpx2`` (the openai client), with ``traceparent`` injected."""
    import httpx2  # noqa: PLC0415
    from opentelemetry import propagate, trace  # noqa: PLC0415

    tracer = _provider.get_tracer("maigie.httpx2")
    send = httpx2.HTTPTransport.handle_request

    def handle_request(self: Any, request: Any) -> Any:
        with tracer.start_as_current_span(f"{request.method}", kind=trace.SpanKind.CLIENT) as span:
            span.set_attribute("http.request.method", request.method)
            span.set_attribute("url.full", str(request.url.copy_with(query=None)))
            carrier: dict[str, str] = {}
            propagate.inject(carrier)
            request.headers.update(carrier)
            response = send(self, request)
            span.set_attribute("http.response.status_code", response.status_code)
            if response.status_code >= 500:
                span.set_status(trace.Status(trace.StatusCode.ERROR))
            return response

    handle_request.original = send  # type: ignore[attr-defined]
    httpx2.HTTPTransport.handle_request = handle_request  # type: ignore[method-assign]


def unconfigure() -> None:
    """Remove every instrumentation and stop exporting (tests; a process otherwise keeps tracing)."""
    global _configured, _provider
    if not _configured:
        return
    import httpx2  # noqa: PLC0415
    from django.db import connections  # noqa: PLC0415
    from django.db.backends.signals import connection_created  # noqa: PLC0415
    from opentelemetry.instrumentation.celery import CeleryInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.django import DjangoInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.redis import RedisInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.requests import RequestsInstrumentor  # noqa: PLC0415

    for instrumentor in (DjangoInstrumentor(), CeleryInstrumentor(), RedisInstrumentor(), RequestsInstrumentor()):
        instrumentor.uninstrument()
    connection_created.disconnect(dispatch_uid=SQL_HOOK)
    for connection in connections.all(initialized_only=True):
        connection.execute_wrappers[:] = [
            w for w in connection.execute_wrappers if getattr(w, "__name__", "") != "traced"
        ]
    httpx2.HTTPTransport.handle_request = getattr(  # type: ignore[method-assign]
        httpx2.HTTPTransport.handle_request, "original", httpx2.HTTPTransport.handle_request
    )
    _provider.shutdown()
    _provider = None
    _configured = False
