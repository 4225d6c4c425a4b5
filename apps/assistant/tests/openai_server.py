"""A local OpenAI-compatible server for tests: scripted streaming chat completions, embeddings; recording."""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted completion: text (streamed in pieces) and/or tool calls, and usage."""

    text_chunks: list[str] = field(default_factory=list)
    tool_calls: list[tuple[str, str, str]] = field(default_factory=list)  # (id, name, arguments JSON)
    prompt_tokens: int = 11
    completion_tokens: int = 7
    delay: float = 0.0
    meet: threading.Barrier | None = None  # answered only once the barrier's other requests arrived (500 if not)


@dataclass
class Failure:
    """One scripted error response."""

    status: int
    retry_after: str | None = None


def word_vector(text: str, dimensions: int) -> list[float]:
    """A stand-in model: one hashed bucket per distinct lower-cased word (texts sharing words are near)."""
    vector = [0.0] * dimensions
    for word in set(text.lower().split()):
        vector[int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "little") % dimensions] += 1.0
    return vector


class FakeOpenAI:
    """Serves ``POST /v1/chat/completions`` from a script of replies, recording each request.

    ``POST /v1/embeddings`` answers ``embed(text, dimensions)`` for each input, as floats or base64
    (``encoding_format``), recorded in ``embedding_requests``; ``embedding_failures`` scripts errors.
    """

    def __init__(self, embed: Callable[[str, int], list[float]] = word_vector) -> None:
        self.script: deque[Reply | Failure] = deque()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.embed = embed
        self.embedding_requests: list[dict[str, Any]] = []
        self.embedding_failures: deque[Failure] = deque()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if self.path.rstrip("/").endswith("/embeddings"):
                    fake.embedding_requests.append(body)
                    if fake.embedding_failures:
                        self._fail(fake.embedding_failures.popleft())
                    else:
                        self._embeddings(body)
                    return
                fake.requests.append(body)
                fake.headers.append({key.lower(): value for key, value in self.headers.items()})
                step = fake.script.popleft() if fake.script else Failure(status=500)
                if isinstance(step, Failure):
                    self._fail(step)
                else:
                    self._stream(step, body)

            def _fail(self, failure: Failure) -> None:
                payload = json.dumps({"error": {"message": "scripted failure", "type": "server_error"}}).encode()
                self.send_response(failure.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                if failure.retry_after is not None:
                    self.send_header("Retry-After", failure.retry_after)
                self.end_headers()
                self.wfile.write(payload)

            def _embeddings(self, body: dict[str, Any]) -> None:
                inputs = [body["input"]] if isinstance(body["input"], str) else body["input"]
                dimensions = body.get("dimensions", 1536)
                data = []
                for index, text in enumerate(inputs):
                    vector = fake.embed(text, dimensions)
                    encoded: Any = vector
                    if body.get("encoding_format") == "base64":
                        encoded = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
                    data.append({"object": "embedding", "index": index, "embedding": encoded})
                tokens = sum(len(text.split()) for text in inputs)
                payload = json.dumps(
                    {
                        "object": "list",
                        "data": data,
                        "model": body["model"],
                        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _event(self, model: str, delta: dict[str, Any] | None, usage: dict[str, int] | None = None) -> None:
                chunk = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": None}],
                    "usage": usage,
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()

            def _stream(self, reply: Reply, body: dict[str, Any]) -> None:
                time.sleep(reply.delay)
                if reply.meet is not None:
                    try:
                        reply.meet.wait()
                    except threading.BrokenBarrierError:
                        self._fail(Failure(status=500))
                        return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                model = body["model"]
                self._event(model, {"role": "assistant", "content": ""})
                for piece in reply.text_chunks:
                    self._event(model, {"content": piece})
                for index, (call_id, name, arguments) in enumerate(reply.tool_calls):
                    head = {
                        "index": index,
                        "id": call_id,
                        "type": "function",
                        "function": {"name": name, "arguments": ""},
                    }
                    self._event(model, {"tool_calls": [head]})
                    middle = len(arguments) // 2
                    for fragment in (arguments[:middle], arguments[middle:]):
                        self._event(model, {"tool_calls": [{"index": index, "function": {"arguments": fragment}}]})
                usage = {
                    "prompt_tokens": reply.prompt_tokens,
                    "completion_tokens": reply.completion_tokens,
                    "total_tokens": reply.prompt_tokens + reply.completion_tokens,
                }
                self._event(model, None, usage)
                self.wfile.write(b"data: [DONE]\n\n")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
