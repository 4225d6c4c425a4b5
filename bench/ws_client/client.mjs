// bench.realtime's sockets held in Node, so the receiving end's own cost (a Python event loop holding
// 2,000 sockets, its garbage collector) stays out of the publish-to-receive figure.
//
// One JSON command per stdin line, one JSON answer per stdout line:
//   {"op": "connect", "urls": [...]}         -> {"op": "connected", "count": n, "seconds": s}
//   {"op": "expect", "key": k, "count": n}   -> {"op": "arrived", "key": k, "at": t} once n frames carrying k arrived
//   {"op": "close"}                          -> {"op": "closed", "drops": n, "reasons": {reason: count}}
// "at" is CLOCK_MONOTONIC in seconds, the clock of Python's time.perf_counter on Linux. Frames of type
// "ping" are answered with a pong, as the app's clients do; an event's key is data.nonce or data.name.
import { createInterface } from "node:readline";
import WebSocket from "ws";

const sockets = [];
const waiting = new Map(); // key -> frames still expected
const early = new Map(); // key -> {count, at}: frames that arrived before their "expect"
const reasons = new Map();
let closing = false;

const now = () => Number(process.hrtime.bigint()) / 1e9;
const answer = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

function arrived(key) {
  const at = now();
  const remaining = waiting.get(key);
  if (remaining === undefined) {
    const seen = early.get(key) ?? { count: 0, at };
    early.set(key, { count: seen.count + 1, at });
  } else if (remaining <= 1) {
    waiting.delete(key);
    answer({ op: "arrived", key, at });
  } else {
    waiting.set(key, remaining - 1);
  }
}

function onFrame(socket, raw) {
  const frame = JSON.parse(raw);
  if (frame.type === "ping") {
    socket.send('{"type": "pong"}');
  } else if (frame.type === "event") {
    arrived(frame.data.nonce ?? frame.data.name ?? "");
  }
}

function open(url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("error", reject);
    socket.once("message", () => {
      // the first frame is the hello
      socket.on("message", (raw) => onFrame(socket, raw));
      socket.on("close", (code, reason) => {
        if (!closing) {
          const key = `server ${code} ${JSON.stringify(reason.toString())}`;
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
      });
      resolve(socket);
    });
  });
}

async function connect(urls) {
  const started = now();
  for (const url of urls) sockets.push(await open(url));
  answer({ op: "connected", count: urls.length, seconds: now() - started });
}

function expect(key, count) {
  const seen = early.get(key);
  early.delete(key);
  if (seen && seen.count >= count) {
    answer({ op: "arrived", key, at: seen.at });
  } else {
    waiting.set(key, count - (seen?.count ?? 0));
  }
}

async function close() {
  closing = true;
  const drops = [...reasons.values()].reduce((sum, n) => sum + n, 0);
  await Promise.all(
    sockets.map((socket) => new Promise((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) return resolve();
      socket.once("close", resolve);
      socket.close();
    })),
  );
  answer({ op: "closed", drops, reasons: Object.fromEntries(reasons) });
}

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.op === "connect") await connect(command.urls);
  else if (command.op === "expect") expect(command.key, command.count);
  else if (command.op === "close") {
    await close();
    break;
  }
}
