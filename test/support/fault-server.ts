// A scriptable HTTP server on 127.0.0.1 for the resilience tests: any answer, or a fault, chosen per request.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A request as the server received it. */
export interface ReceivedRequest {
  /** 0-based, in arrival order. */
  readonly index: number;
  readonly method: string;
  /** Path and query, without the base path: "/videos/v1?x=1". */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** How the server answers one request. */
export type Fault =
  /** A complete answer, after `delayMs` (default 0). */
  | { kind: "respond"; status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  /** Drops the connection without an answer (a TCP reset where the platform allows). */
  | { kind: "reset" }
  /** Accepts the request and never answers. */
  | { kind: "hang" }
  /** Sends the status and headers (and `firstBytes` of the body), then stalls forever. */
  | { kind: "stall-body"; status: number; headers?: Record<string, string>; firstBytes?: string }
  /** Announces the whole body's length but sends only `sentBytes` of it, then closes the connection. */
  | { kind: "truncate"; status: number; headers?: Record<string, string>; body: string; sentBytes: number };

export type Script = (request: ReceivedRequest) => Fault;

/** A complete answer (spread it to add `delayMs`). */
export type Answer = Extract<Fault, { kind: "respond" }>;

/** A JSON answer with the right content type; no body when `body` is undefined. */
export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Answer {
  if (body === undefined) return { kind: "respond", status, headers };
  return {
    kind: "respond",
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

export interface FaultServer {
  /** Base URL to give the client, like "http://127.0.0.1:39211/v1". */
  readonly baseUrl: string;
  /** Every request received so far, in order. */
  readonly requests: ReceivedRequest[];
  /** Answers each later request with `script(request)`. The default answers 200 with `{}`. */
  script(script: Script): void;
  /** Answers the next requests with these faults in order; once they run out, the last one repeats. */
  sequence(...faults: Fault[]): void;
  /** Destroys every connection, also hung and stalled ones, and stops listening. */
  close(): Promise<void>;
}

const BASE_PATH = "/v1";

/** Starts a fault server on a free loopback port. Always `close()` it (in `afterAll` or `finally`). */
export async function startFaultServer(): Promise<FaultServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let current: Script = () => reply(200, {});

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away mid-body
    }
    const path = (req.url ?? "/").startsWith(BASE_PATH) ? (req.url ?? "/").slice(BASE_PATH.length) : req.url;
    const request: ReceivedRequest = {
      index: requests.length,
      method: req.method ?? "GET",
      path: path || "/",
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(request);
    const fault = current(request);
    switch (fault.kind) {
      case "respond": {
        const send = () => {
          if (res.destroyed) return;
          const body = fault.body ?? "";
          res.writeHead(fault.status, { "content-length": Buffer.byteLength(body), ...fault.headers });
          res.end(body);
        };
        if (fault.delayMs) setTimeout(send, fault.delayMs).unref();
        else send();
        return;
      }
      case "reset": {
        const socket = req.socket as Socket & { resetAndDestroy?: () => void };
        if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
        else socket.destroy();
        return;
      }
      case "hang":
        return;
      case "stall-body":
        res.writeHead(fault.status, fault.headers);
        // Headers go out with the first write; an empty chunk would send nothing at all.
        res.write(fault.firstBytes ?? " ");
        return;
      case "truncate": {
        res.writeHead(fault.status, { ...fault.headers, "content-length": Buffer.byteLength(fault.body) });
        res.write(Buffer.from(fault.body).subarray(0, fault.sentBytes), () => req.socket.destroy());
        return;
      }
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // Soak tests open a thousand connections at once; the default backlog (511) would drop some SYNs.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0, backlog: 4096 }, resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    requests,
    script(script) {
      current = script;
    },
    sequence(...faults) {
      const start = requests.length;
      const last = faults[faults.length - 1] ?? reply(200, {});
      current = (request) => faults[request.index - start] ?? last;
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** A loopback URL where nothing listens, so connecting is refused (ECONNREFUSED) before any byte is sent. */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${BASE_PATH}`;
}
