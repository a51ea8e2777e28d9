// Faulty upstreams on real localhost sockets (node:net, so every byte and
// every close is ours): refuse, reset, hang, answer byte by byte, send any
// status, header and body. Used by the Node and the workerd fault drivers.
//
// One server per case: `startUpstream(behaviour)` listens on 127.0.0.1 on an
// ephemeral port; `behaviour(ctx)` is called once per request with
// ctx = { n (0-based attempt), req: { method, path, headers, body }, sock, send, ... }.
// Every request seen is recorded (`server.requests`), with its arrival time.
import { readFile } from "node:fs/promises";
import net from "node:net";

const STATUS_TEXT = {
  200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
  404: "Not Found", 408: "Request Timeout", 422: "Unprocessable Entity", 429: "Too Many Requests",
  500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

/** The head of an HTTP/1.1 response; `Connection: close` so every attempt is a new connection. */
export function head(status, headers = {}) {
  const lines = [`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Status"}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  lines.push("Connection: close", "", "");
  return lines.join("\r\n");
}

function parseRequest(buf) {
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString("latin1").split("\r\n");
  const [method, path] = lines[0].split(" ");
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(":");
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const len = Number(headers["content-length"] ?? 0);
  if (buf.length < end + 4 + len) return null;
  return { method, path, headers, body: buf.subarray(end + 4, end + 4 + len).toString("utf8") };
}

/**
 * Starts a server; resolves to { port, requests, close() }.
 * `behaviour(ctx)`: ctx.send(status, headers, body) answers in full and closes;
 * ctx.sock is the raw socket for everything else.
 */
export async function startUpstream(behaviour) {
  const sockets = new Set();
  const timers = new Set();
  const requests = [];
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => {}); // the client may abort or reset: expected here
    let buf = Buffer.alloc(0);
    let handled = false;
    sock.on("data", (chunk) => {
      if (handled) return;
      buf = Buffer.concat([buf, chunk]);
      const req = parseRequest(buf);
      if (!req) return;
      handled = true;
      const n = requests.length;
      requests.push({ ...req, at: Date.now() });
      const later = (ms, f) => {
        const t = setTimeout(() => { timers.delete(t); if (!sock.destroyed) f(); }, ms);
        timers.add(t);
      };
      const send = (status, headers = {}, body = "") => {
        const bytes = Buffer.from(body);
        const h = { ...headers };
        if (!Object.keys(h).some((k) => k.toLowerCase() === "content-length") && status !== 204) h["Content-Length"] = bytes.length;
        sock.end(Buffer.concat([Buffer.from(head(status, h), "latin1"), bytes]));
      };
      try {
        behaviour({ n, req, sock, send, later });
      } catch (e) {
        sock.destroy();
        throw e;
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    port,
    requests,
    close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Does a connection to 127.0.0.1:`port` get refused (nothing listens there)? */
function refuses(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: "127.0.0.1" });
    sock.once("connect", () => {
      sock.destroy();
      resolve(false);
    });
    sock.once("error", (e) => resolve(e.code === "ECONNREFUSED"));
  });
}

/** The lowest port of the ephemeral range that listen(0) draws from (read once). */
let ephemeralLowPort;
function ephemeralLow() {
  ephemeralLowPort ??= readFile("/proc/sys/net/ipv4/ip_local_port_range", "utf8").then(
    (text) => {
      const low = Number(text.trim().split(/\s+/)[0]);
      return Number.isInteger(low) && low > 1024 ? low : 32768;
    },
    () => 32768,
  );
  return ephemeralLowPort;
}

/**
 * A port on which nothing listens: connections are refused. It is taken
 * below the ephemeral range, so no upstream of these tests (each listens on
 * port 0) can be given it while a case runs: a freed ephemeral port once
 * went to the other fault matrix's 408 server, and the "refused" request
 * reached it. With Linux's default range, ports from 22768 are tried (none
 * on fetch's bad-port list); with no room below the range, a freed
 * ephemeral port as before.
 */
export async function refusedPort() {
  const low = await ephemeralLow();
  for (let port = Math.max(1024, low - 10000) + (process.pid % 5000); port < low; port += 1) {
    if (await refuses(port)) return { port, requests: [], close: async () => {} };
  }
  const s = net.createServer();
  await new Promise((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return { port, requests: [], close: async () => {} };
}

/** Writes `body` one byte at a time, `ms` apart, after the head. */
export function dribble(ctx, status, headers, body, ms) {
  const bytes = Buffer.from(body);
  ctx.sock.write(head(status, { ...headers, "Content-Length": bytes.length }), "latin1");
  let i = 0;
  const step = () => {
    if (i >= bytes.length) return ctx.sock.end();
    ctx.sock.write(bytes.subarray(i, i + 1));
    i += 1;
    ctx.later(ms, step);
  };
  ctx.later(ms, step);
}

/** Writes a large body in 64 KiB chunks, with or without Content-Length (then chunked). */
export function flood(ctx, totalBytes, withLength, status = 200) {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const headers = { "Content-Type": "application/json" };
  if (withLength) headers["Content-Length"] = totalBytes;
  else headers["Transfer-Encoding"] = "chunked";
  const sock = ctx.sock;
  sock.write(head(status, headers), "latin1");
  let sent = 0;
  const pump = () => {
    while (sent < totalBytes && !sock.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent));
      sent += piece.length;
      const framed = withLength ? piece : Buffer.concat([Buffer.from(piece.length.toString(16) + "\r\n"), piece, Buffer.from("\r\n")]);
      if (!sock.write(framed)) return sock.once("drain", pump);
    }
    if (!sock.destroyed) sock.end(withLength ? undefined : "0\r\n\r\n");
  };
  pump();
}
