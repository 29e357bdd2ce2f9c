/** Runs Prism as a child process that mocks the Argil API from an OpenAPI spec on a loopback port. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { ConfigError } from "../errors.js";

const PRISM = "@stoplight/prism-cli";
const PRISM_VERSION = "5.14.2";
const HOST = "127.0.0.1";
const MAX_ATTEMPTS = 3;
const KILL_AFTER_MS = 3_000;
const OUTPUT_LINES = 20;

/** Throws ConfigError naming the first option of the wrong type or range. */
function checkOptions(options: unknown): asserts options is MockServerOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ConfigError("startMockServer: options must be an object");
  }
  const { specPath, port, dynamic, startupTimeoutMs } = options as Record<string, unknown>;
  const known = new Set(["specPath", "port", "dynamic", "startupTimeoutMs"]);
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new ConfigError(`startMockServer: unknown option ${unknown.join(", ")}`);
  if (specPath !== undefined && (typeof specPath !== "string" || specPath === "")) {
    throw new ConfigError("startMockServer: specPath must be a non-empty string");
  }
  if (port !== undefined && !(Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536)) {
    throw new ConfigError(`startMockServer: port must be an integer from 1 to 65535, got ${String(port)}`);
  }
  if (dynamic !== undefined && typeof dynamic !== "boolean") {
    throw new ConfigError("startMockServer: dynamic must be true or false");
  }
  if (
    startupTimeoutMs !== undefined &&
    !(Number.isFinite(startupTimeoutMs) && (startupTimeoutMs as number) > 0)
  ) {
    throw new ConfigError("startMockServer: startupTimeoutMs must be a positive number of milliseconds");
  }
}

/** Options for {@link startMockServer}. */
export interface MockServerOptions {
  /**
   * Path of the OpenAPI document to serve, relative to the current directory or absolute.
   * Default: the `openapi/argil.yaml` shipped with this package.
   */
  specPath?: string;
  /** Port to listen on at 127.0.0.1, 1–65535. Default: a free port chosen for you. */
  port?: number;
  /** Generate response bodies from the schemas instead of the examples (Prism `--dynamic`). Default: `false`. */
  dynamic?: boolean;
  /** How long to wait for Prism to answer HTTP, in milliseconds, across all attempts. Default: `30000`. */
  startupTimeoutMs?: number;
}

/** A running Prism mock. Like an `http.Server`, it keeps the Node process alive until closed. */
export interface MockServer {
  /** Where the mock listens, without a trailing slash, e.g. `http://127.0.0.1:53421`. Pass it as `baseUrl`. */
  readonly baseUrl: string;
  /** Stops Prism (SIGTERM, then SIGKILL after 3 s) and resolves once it has exited. Safe to call again. */
  close(): Promise<void>;
}

/**
 * Starts Prism (`@stoplight/prism-cli`, an optional peer dependency) serving the spec on 127.0.0.1 and
 * resolves once it answers HTTP. Prism validates every request against the spec (a violation gets the
 * spec's 400 and an `sl-violations` header), answers 401 without `x-api-key`, and honours
 * `Prefer: code=404` and `Prefer: dynamic=true`. Rejects with Prism's last output lines when Prism exits
 * or does not start within `startupTimeoutMs`; no process is left behind either way.
 *
 * @example
 * ```ts
 * import { Argil } from "argil-client";
 * import { type MockServer, startMockServer } from "argil-client/testing";
 * import { afterAll, beforeAll, expect, it } from "vitest";
 *
 * let mock: MockServer;
 * beforeAll(async () => {
 *   mock = await startMockServer();
 * });
 * afterAll(() => mock?.close());
 *
 * it("updates a webhook", async () => {
 *   const argil = new Argil({ apiKey: "any", baseUrl: mock.baseUrl });
 *   const webhook = await argil.webhooks.update("id", { events: ["VIDEO_GENERATION_SUCCESS"] });
 *   expect(webhook.id).toBeTypeOf("string");
 * });
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  checkOptions(options);
  const { port: fixedPort, dynamic = false, startupTimeoutMs = 30_000 } = options;
  // resolve() keeps Prism from treating a URL-looking argument as something to fetch.
  const specPath = resolve(
    options.specPath ?? fileURLToPath(new URL("../../openapi/argil.yaml", import.meta.url)),
  );
  const cli = resolvePrismCli();
  const deadline = Date.now() + startupTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const args = [cli, "mock", specPath, "-h", HOST, "-p", String(port), ...(dynamic ? ["-d"] : [])];
    const prism = new PrismProcess(args);
    const outcome = await waitUntilReady(prism, port, deadline);
    if (outcome === "ready") return { baseUrl: `http://${HOST}:${port}`, close: () => prism.stop() };
    await prism.stop();
    const output = prism.output();
    // Another process can take the port between freePort() closing it and Prism binding it.
    if (fixedPort === undefined && attempt < MAX_ATTEMPTS && output.includes("EADDRINUSE")) continue;
    const what =
      outcome === "timeout"
        ? `did not answer within ${startupTimeoutMs} ms`
        : `exited (${prism.exitReason()}) before it was ready`;
    throw new Error(
      `Prism ${what}, serving ${specPath} on port ${port}. Last output from Prism:\n${output || "  (none)"}`,
      prism.spawnError ? { cause: prism.spawnError } : undefined,
    );
  }
}

function resolvePrismCli(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve(`${PRISM}/package.json`);
  } catch (cause) {
    throw new ConfigError(
      `startMockServer needs Prism, which is not installed: run \`npm install -D ${PRISM}@${PRISM_VERSION}\``,
      { cause },
    );
  }
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin?: string | Record<string, string> };
  const file = typeof bin === "string" ? bin : bin?.prism;
  if (!file) throw new ConfigError(`${manifest} names no "prism" bin; reinstall ${PRISM}@${PRISM_VERSION}`);
  return resolve(dirname(manifest), file);
}

/** A free loopback port, found by letting the OS pick one for a throwaway listener. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().unref();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilReady(prism: PrismProcess, port: number, deadline: number) {
  for (let delay = 25; Date.now() < deadline; delay = Math.min(delay * 2, 200)) {
    if (prism.exited) return "exited";
    if (await answersHttp(port, Math.min(1_000, deadline - Date.now()))) {
      return prism.exited ? "exited" : "ready";
    }
    await Promise.race([sleep(delay, undefined, { ref: false }), prism.closed]);
  }
  return prism.exited ? "exited" : "timeout";
}

/** Whether anything answers HTTP on the port; any status counts. */
function answersHttp(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const req = request(
      { host: HOST, port, path: "/", agent: false, timeout: Math.max(timeoutMs, 1) },
      (res) => {
        res.resume();
        done(true);
      },
    );
    req.once("timeout", () => req.destroy());
    req.once("error", () => done(false));
    req.end();
  });
}

/** Children still running, killed if this process exits without closing them. */
const running = new Set<ChildProcess>();
function killRunning(): void {
  for (const child of running) child.kill("SIGKILL");
}

class PrismProcess {
  readonly closed: Promise<void>;
  exited = false;
  spawnError: Error | undefined;
  #child: ChildProcess;
  #lines: string[] = [];
  #stopping: Promise<void> | undefined;

  constructor(args: string[]) {
    // stdin is ignored and stdout/stderr are drained for as long as Prism runs, so a full pipe never
    // blocks it; once it exits the pipes close and nothing of it holds this process open.
    this.#child = spawn(process.execPath, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
      windowsHide: true,
    });
    if (running.size === 0) process.once("exit", killRunning);
    running.add(this.#child);
    for (const stream of [this.#child.stdout, this.#child.stderr]) this.#collect(stream);
    this.closed = new Promise((settle) => {
      const finish = () => {
        this.exited = true;
        running.delete(this.#child);
        if (running.size === 0) process.removeListener("exit", killRunning);
        settle();
      };
      this.#child.once("close", finish);
      this.#child.once("error", (error) => {
        this.spawnError = error;
        this.#lines.push(String(error));
        if (this.#child.pid === undefined) finish();
      });
    });
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      if (this.exited) return;
      this.#child.kill("SIGTERM");
      const timer = setTimeout(() => this.#child.kill("SIGKILL"), KILL_AFTER_MS);
      await this.closed;
      clearTimeout(timer);
    })();
    return this.#stopping;
  }

  exitReason(): string {
    const { exitCode, signalCode } = this.#child;
    return signalCode ? `signal ${signalCode}` : `code ${exitCode ?? "unknown"}`;
  }

  /** The last lines Prism printed, indented, without the usage text and stack frames of a fatal error. */
  output(): string {
    const kept: string[] = [];
    let inUsage = false;
    let sawOptions = false;
    for (const line of this.#lines) {
      if (/^prism( mock)? </.test(line)) [inUsage, sawOptions] = [true, false];
      else if (inUsage && /^Options:/.test(line)) sawOptions = true;
      else if (inUsage && sawOptions && line.trim() === "") inUsage = false;
      else if (!inUsage && line.trim() !== "" && !/^\s*['"]?\s+at\s/.test(line)) kept.push(line);
    }
    return kept
      .slice(-OUTPUT_LINES)
      .map((line) => `  ${line}`)
      .join("\n");
  }

  #collect(stream: NodeJS.ReadableStream | null): void {
    let partial = "";
    const push = (line: string) => {
      this.#lines.push(stripVTControlCharacters(line));
      if (this.#lines.length > 10 * OUTPUT_LINES)
        this.#lines.splice(0, this.#lines.length - 5 * OUTPUT_LINES);
    };
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop() ?? "";
      for (const line of lines) push(line);
    });
    stream?.once("end", () => partial && push(partial));
  }
}
