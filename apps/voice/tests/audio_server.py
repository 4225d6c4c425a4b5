"""A local OpenAI-compatible audio server for tests: ``/audio/transcriptions`` and ``/audio/speech``.

Transcriptions answer the scripted text (``verbose_json`` with ``language``) and record the uploaded
file; speech answers a real audio file of the requested format (a tone); ``failures`` scripts errors.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

from apps.voice.audio import Clip, encode

SPEECH_FORMATS = {"wav": "wav", "mp3": "mp3", "opus": "ogg"}


def tone(seconds: float) -> Clip:
    time = np.arange(int(seconds * 16_000)) / 16_000
    return Clip(pcm=(np.sin(2 * np.pi * 220 * time) * 6000).astype(np.int16).tobytes())


def multipart_fields(content_type: str, body: bytes) -> dict[str, bytes]:
    """The parts of a ``multipart/form-data`` body by field name."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    parts: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        parts[str(name)] = payload if isinstance(payload, bytes) else b""
    return parts


class FakeAudioAPI:
    """Serves the audio endpoints of the OpenAI API, recording each request."""

    def __init__(self, *, text: str = "create a course on biology", language: str = "english") -> None:
        self.text = text
        self.language = language
        self.transcriptions: list[dict[str, bytes]] = []
        self.speeches: list[dict[str, Any]] = []
        self.failures: deque[int] = deque()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if fake.failures:
                    failure = b'{"error": {"message": "scripted failure"}}'
                    self._send(fake.failures.popleft(), failure, "application/json")
                elif self.path.endswith("/audio/transcriptions"):
                    fields = multipart_fields(self.headers["Content-Type"], body)
                    fake.transcriptions.append(fields)
                    answer = {"text": fake.text, "language": fake.language, "duration": 1.5, "segments": []}
                    self._send(200, json.dumps(answer).encode(), "application/json")
                elif self.path.endswith("/audio/speech"):
                    request = json.loads(body)
                    fake.speeches.append(request)
                    fmt = SPEECH_FORMATS[request.get("response_format", "mp3")]
                    self._send(200, encode(tone(1.0), fmt), f"audio/{fmt}")
                else:
                    self._send(404, b"{}", "application/json")

            def _send(self, status: int, payload: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeAudioAPI:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
