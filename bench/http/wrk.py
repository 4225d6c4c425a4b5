"""The load generator in C: wrk with a Lua script that cycles through the calls and counts statuses.

wrk's own "Non-2xx or 3xx responses" counts a 301 as success; the script counts every status, so
a redirect to https is reported as the error it is.
"""

from __future__ import annotations

import json
import math
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

MARKER = "WRK-RESULT "

SCRIPT = """
local calls = %(calls)s
local headers = %(headers)s
local threads = {}
local counter = 0
local prepared = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  for i, call in ipairs(calls) do
    prepared[i] = wrk.format(call[1], call[2], headers, call[3])
  end
end

function request()
  counter = counter + 1
  return prepared[(counter %% #prepared) + 1]
end

function response(status, response_headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local parts = {}
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    table.insert(parts, string.format('"%%d": %%d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    '%(marker)s{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, '
    .. '"socket_errors": %%d, "statuses": {%%s}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, table.concat(parts, ", ")))
end
"""


def _lua(value: object) -> str:
    """A Lua literal for strings, None and lists of those."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid Lua string literal for these ASCII values
    if isinstance(value, list | tuple):
        return "{" + ", ".join(_lua(item) for item in value) + "}"
    raise TypeError(f"no Lua literal for {value!r}")


def run_wrk(
    *, port: int, calls: list[tuple[str, str, bytes | None]], headers: dict[str, str], seconds: float,
    connections: int, threads: int,
) -> tuple[int, float, float, float, Counter[int]]:  # fmt: skip
    """Load ``calls`` in turn; (requests, seconds, p50 ms, p99 ms, answers by status, 0 for socket errors)."""
    lua_calls = [[method, path, body.decode() if body else None] for method, path, body in calls]
    lua_headers = "{" + ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()) + "}"
    script = SCRIPT % {"calls": _lua(lua_calls), "headers": lua_headers, "marker": MARKER}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls.lua"
        path.write_text(script)
        duration = max(1, math.ceil(seconds))  # wrk reads whole seconds only
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", str(path)]
        finished = subprocess.run([*command, f"http://127.0.0.1:{port}/"], capture_output=True, text=True, check=True)
    line = next(line for line in finished.stdout.splitlines() if line.startswith(MARKER))
    data = json.loads(line[len(MARKER) :])
    statuses = Counter({int(status): count for status, count in data["statuses"].items()})
    if data["socket_errors"]:
        statuses[0] += data["socket_errors"]
    return data["requests"], data["duration_us"] / 1e6, data["p50_us"] / 1000, data["p99_us"] / 1000, statuses
