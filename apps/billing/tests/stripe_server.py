"""A local, stateful stand-in for the Stripe API endpoints this project calls, for the real `stripe` client.

It speaks Stripe's wire protocol (form-encoded requests with bracketed keys, JSON answers, Stripe's
error shape) for: account, customers, products, prices, checkout sessions, billing portal
sessions, subscriptions (retrieve, update, list) and invoices. Tests change its state the way
Stripe would (``complete_checkout``, ``renew``, ``fail_payment``...) and post signed events built
with :meth:`FakeStripe.event` and :func:`sign`.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

API_VERSION = "2026-05-27.dahlia"
MONTH = 30 * 24 * 3600


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """A ``Stripe-Signature`` header exactly as Stripe computes it."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _decode_form(pairs: list[tuple[str, str]]) -> Any:
    """Stripe's ``a[b][0][c]=v`` form encoding back into nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        last = parts[-1]
        if last == "":
            node.setdefault("__list__", []).append(value)
        else:
            node[last] = value
    return _listify(root)


def _listify(node: Any) -> Any:
    if not isinstance(node, dict):
        return {"true": True, "false": False}.get(node, node)
    if "__list__" in node:
        return [_listify(value) for value in node["__list__"]]
    if node and all(key.isdigit() for key in node):
        return [_listify(node[key]) for key in sorted(node, key=int)]
    return {key: _listify(value) for key, value in node.items()}


class FakeStripe:
    """State and behaviour of the fake Stripe account."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, str]] = []
        self.unhandled: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self._ids = itertools.count(1)
        self.objects["acct_local"] = {
            "id": "acct_local",
            "object": "account",
            "type": "standard",
            "livemode": False,
            "created": int(time.time()),
            "metadata": {},
            "settings": {"dashboard": {"display_name": "Maigie test"}},
            "business_profile": {"name": "Maigie"},
            "charges_enabled": True,
            "payouts_enabled": True,
            "details_submitted": True,
            "country": "US",
            "default_currency": "usd",
            "email": "billing@maigie.test",
        }

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_local{next(self._ids):06d}"

    def _base(self, prefix: str, kind: str, **fields: Any) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "id": self.new_id(prefix),
            "object": kind,
            "livemode": False,
            "created": int(time.time()),
            "metadata": {},
        }
        obj.update(fields)
        self.objects[obj["id"]] = obj
        return obj

    # Stripe-side changes the tests drive ---------------------------------------------------

    def add_price(self, *, lookup_key: str, interval: str, unit_amount: int) -> dict[str, Any]:
        product = self._base("prod", "product", name="Maigie Premium", active=True, type="service", description=None)
        return self._price(product["id"], lookup_key=lookup_key, interval=interval, unit_amount=unit_amount)

    def _price(self, product: str, *, lookup_key: str | None, interval: str, unit_amount: int) -> dict[str, Any]:
        return self._base(
            "price",
            "price",
            active=True,
            currency="usd",
            lookup_key=lookup_key,
            nickname=None,
            product=product,
            recurring={"interval": interval, "interval_count": 1, "usage_type": "licensed"},
            type="recurring",
            unit_amount=unit_amount,
            unit_amount_decimal=str(unit_amount),
            billing_scheme="per_unit",
            tax_behavior="unspecified",
        )

    def complete_checkout(self, session_id: str) -> dict[str, Any]:
        """The customer paid on the Checkout page: Stripe creates an active subscription."""
        session = self.objects[session_id]
        price = self.objects[str(session["line_items"][0]["price"])]
        now = int(time.time())
        subscription = self._base(
            "sub",
            "subscription",
            customer=session["customer"],
            status="active",
            start_date=now,
            billing_cycle_anchor=now,
            cancel_at_period_end=False,
            cancel_at=None,
            canceled_at=None,
            ended_at=None,
            collection_method="charge_automatically",
            currency="usd",
            default_payment_method=None,
            latest_invoice=None,
            metadata=dict(session.get("subscription_data", {}).get("metadata", {})),
            trial_start=None,
            trial_end=None,
        )
        item = {
            "id": self.new_id("si"),
            "object": "subscription_item",
            "created": now,
            "metadata": {},
            "price": dict(price),
            "quantity": 1,
            "subscription": subscription["id"],
            "current_period_start": now,
            "current_period_end": now + MONTH,
        }
        subscription["items"] = {"object": "list", "data": [item], "has_more": False, "url": "/v1/subscription_items"}
        session.update(status="complete", payment_status="paid", subscription=subscription["id"])
        return subscription

    def period_end(self, subscription_id: str) -> int:
        end: int = self.objects[subscription_id]["items"]["data"][0]["current_period_end"]
        return end

    def renew(self, subscription_id: str) -> dict[str, Any]:
        """The next period was charged: the period moves on, the subscription is active."""
        start = self.period_end(subscription_id)
        for item in self.objects[subscription_id]["items"]["data"]:
            item.update(current_period_start=start, current_period_end=start + MONTH)
        self.objects[subscription_id]["status"] = "active"
        return self.invoice(subscription_id, paid=True)

    def fail_payment(self, subscription_id: str) -> dict[str, Any]:
        """The renewal charge was declined: Stripe marks the subscription past_due and retries."""
        self.objects[subscription_id]["status"] = "past_due"
        return self.invoice(subscription_id, paid=False)

    def end(self, subscription_id: str) -> dict[str, Any]:
        """The subscription ended (period over after a cancellation, or retries exhausted)."""
        subscription = self.objects[subscription_id]
        now = int(time.time())
        subscription.update(status="canceled", ended_at=now, canceled_at=subscription.get("canceled_at") or now)
        return subscription

    def invoice(self, subscription_id: str, *, paid: bool) -> dict[str, Any]:
        """An invoice for the subscription's current period, paid or failed."""
        subscription = self.objects[subscription_id]
        return self._base(
            "in",
            "invoice",
            customer=subscription["customer"],
            status="paid" if paid else "open",
            amount_due=999,
            amount_paid=999 if paid else 0,
            amount_remaining=0 if paid else 999,
            currency="usd",
            billing_reason="subscription_cycle",
            parent={"type": "subscription_details", "subscription_details": {"subscription": subscription_id}},
            lines={"object": "list", "data": [], "has_more": False, "url": "/v1/invoices/lines"},
            attempt_count=1,
            attempted=True,
            collection_method="charge_automatically",
        )

    def event(self, kind: str, obj: dict[str, Any], *, created: int | None = None) -> dict[str, Any]:
        """An event as Stripe sends it to a webhook endpoint."""
        return {
            "id": self.new_id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": int(time.time()) if created is None else created,
            "data": {"object": json.loads(json.dumps(obj))},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": kind,
        }

    # The HTTP API ---------------------------------------------------------------------------

    def handle(self, method: str, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.requests.append((method, path))
            parts = [part for part in path.split("/") if part][1:]  # drop "v1"
            return self._route(method, parts, params)

    def _route(self, method: str, parts: list[str], params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        resource = "/".join(parts)
        object_id = parts[-1] if parts else ""
        if len(parts) > 1 and object_id in self.objects:
            obj = self.objects[object_id]
            if method == "POST" and obj["object"] == "subscription":
                metadata = params.pop("metadata", None)
                obj.update({k: v for k, v in params.items() if k not in ("expand",)})
                if metadata is not None:
                    obj["metadata"].update(metadata)
            return 200, obj
        if method == "GET" and parts[-1:] == ["features"]:
            return 200, {"object": "list", "data": [], "has_more": False, "url": "/".join(parts)}
        if parts == ["account"]:
            return 200, self.objects["acct_local"]
        if method == "POST" and resource == "customers":
            return 200, self._base(
                "cus",
                "customer",
                email=params.get("email"),
                name=params.get("name"),
                metadata=params.get("metadata", {}),
                invoice_settings={"default_payment_method": None},
                balance=0,
                currency=None,
                delinquent=False,
                default_source=None,
                sources={"object": "list", "data": [], "has_more": False, "url": "/v1/sources"},
            )
        if method == "POST" and resource == "checkout/sessions":
            return 200, self._checkout_session(params)
        if method == "POST" and resource == "billing_portal/sessions":
            obj = self._base(
                "bps", "billing_portal.session", customer=params["customer"], return_url=params["return_url"]
            )
            obj["url"] = f"https://billing.stripe.test/session/{obj['id']}"
            return 200, obj
        if method == "POST" and resource == "products":
            return 200, self._base("prod", "product", name=params["name"], active=True, type="service")
        if method == "POST" and resource == "prices":
            recurring = params["recurring"]
            return 200, self._price(
                params["product"],
                lookup_key=params.get("lookup_key"),
                interval=recurring["interval"],
                unit_amount=int(params["unit_amount"]),
            )
        if method == "GET" and resource == "prices":
            keys = params.get("lookup_keys", [])
            found = [p for p in self.objects.values() if p["object"] == "price" and p.get("lookup_key") in keys]
            return 200, {"object": "list", "data": found, "has_more": False, "url": "/v1/prices"}
        if method == "GET" and resource == "subscriptions":
            found = [s for s in self.objects.values() if s["object"] == "subscription"]
            return 200, {"object": "list", "data": found, "has_more": False, "url": "/v1/subscriptions"}
        self.unhandled.append((method, "/".join(parts)))
        return 404, {
            "error": {
                "type": "invalid_request_error",
                "code": "resource_missing",
                "message": f"No such object: '{object_id}'",
            }
        }

    def _checkout_session(self, params: dict[str, Any]) -> dict[str, Any]:
        obj = self._base(
            "cs",
            "checkout.session",
            mode=params["mode"],
            customer=params["customer"],
            client_reference_id=params.get("client_reference_id"),
            line_items=params["line_items"],
            metadata=params.get("metadata", {}),
            subscription_data=params.get("subscription_data", {}),
            success_url=params["success_url"],
            cancel_url=params["cancel_url"],
            status="open",
            payment_status="unpaid",
            subscription=None,
            payment_intent=None,
            invoice=None,
            currency="usd",
            amount_total=None,
        )
        obj["url"] = f"https://checkout.stripe.test/c/pay/{obj['id']}"
        return obj


class _Handler(BaseHTTPRequestHandler):
    fake: FakeStripe

    def _answer(self, method: str) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        params = _decode_form(parse_qsl(url.query, keep_blank_values=True) + parse_qsl(body, keep_blank_values=True))
        if not (self.headers.get("Authorization") or "").startswith("Bearer sk_test_"):
            status, payload = 401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key."}}
        else:
            status, payload = self.fake.handle(method, url.path, params)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", f"req_{time.monotonic_ns()}")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def do_DELETE(self) -> None:
        self._answer("DELETE")

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class StripeServer:
    """Runs a :class:`FakeStripe` on 127.0.0.1 in a background thread."""

    def __init__(self) -> None:
        self.fake = FakeStripe()
        handler = type("Handler", (_Handler,), {"fake": self.fake})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StripeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
