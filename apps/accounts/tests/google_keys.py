"""A local stand-in for Google's JWKS endpoint and ID tokens signed with locally generated keys."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "maigie-test.apps.googleusercontent.com"
ISSUER = "https://accounts.google.com"


class KeyPair:
    """An RSA key with a ``kid``; signs ID tokens and publishes its public half as a JWK."""

    def __init__(self, kid: str) -> None:
        self.kid = kid
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self) -> dict[str, Any]:
        return {
            **RSAAlgorithm.to_jwk(self.private.public_key(), as_dict=True),
            "kid": self.kid,
            "alg": "RS256",
            "use": "sig",
        }

    def sign(self, claims: dict[str, Any], **headers: Any) -> str:
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": self.kid, **headers})


def claims(**overrides: Any) -> dict[str, Any]:
    """Claims of a valid Google ID token for our client."""
    now = int(time.time())
    return {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "109876543210987654321",
        "email": "ada@gmail.com",
        "email_verified": True,
        "name": "Ada Lovelace",
        "iat": now,
        "exp": now + 600,
        **overrides,
    }


class _JSONHandler(BaseHTTPRequestHandler):
    """Answers every GET and POST with ``self.server.body``; records POSTed forms."""

    server: Any

    def _answer(self) -> None:
        body = json.dumps(self.server.body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.server.requests.append(dict(parse_qsl(self.rfile.read(length).decode())))
        self._answer()

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def _serve(body: dict[str, Any], path: str) -> Iterator[tuple[str, list[dict[str, str]]]]:
    server: Any = ThreadingHTTPServer(("127.0.0.1", 0), _JSONHandler)
    server.body = body
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}", server.requests
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def jwks_server(*keys: KeyPair) -> Iterator[str]:
    """Serve ``keys`` as a JWKS document on 127.0.0.1; yields its URL."""
    with _serve({"keys": [key.jwk() for key in keys]}, "/oauth2/v3/certs") as (url, _):
        yield url


@contextmanager
def token_server(id_token: str) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """Google's OAuth 2.0 token endpoint: any code buys ``id_token``; yields its URL and the forms it got."""
    body = {"access_token": "ya29.local", "expires_in": 3599, "token_type": "Bearer", "id_token": id_token}
    with _serve(body, "/token") as served:
        yield served
