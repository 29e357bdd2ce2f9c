// Shared by the resilience tests: the key they guard, a client against a fault server, a log catcher.
import { inspect } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Argil, type ClientOptions, type Logger } from "argil-client";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type FaultServer, startFaultServer } from "../../support/fault-server.js";

export const KEY = "sk_live_RESILIENCE_KEY_0123456789abcdef";

/** A client for `server`, quiet unless a test asks for logs. */
export function clientFor(server: Pick<FaultServer, "baseUrl">, options: ClientOptions = {}): Argil {
  return new Argil({ apiKey: KEY, baseUrl: server.baseUrl, logLevel: "off", ...options });
}

/** The rejection of `promise`; fails the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to reject");
}

export interface LogLine {
  level: keyof Logger;
  message: string;
  details: unknown;
}

/** A console-shaped logger that keeps every line. */
export function logCatcher(): { logger: Logger; lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const keep =
    (level: keyof Logger) =>
    (message: string, details?: unknown): void => {
      lines.push({ level, message, details });
    };
  return {
    logger: { error: keep("error"), warn: keep("warn"), info: keep("info"), debug: keep("debug") },
    lines,
    text: () => lines.map((line) => `${line.message} ${inspect(line.details, { depth: 5 })}`).join("\n"),
  };
}

/** Every way an error can be shown to a person or a log pipeline. */
export function renderings(error: unknown): string[] {
  return [
    (error as Error).message,
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 5 }),
    inspect(error, { depth: 5, showHidden: true }),
  ];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

setFlagsFromString("--expose-gc");
/** A full garbage collection, as `--expose-gc` would give. */
export const collectGarbage = runInNewContext("gc") as () => void;

/** The outcome of `promise`, or "still pending" if it has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | Error | "still pending"> {
  return Promise.race([
    promise.catch((error: Error) => error),
    sleep(ms).then(() => "still pending" as const),
  ]);
}

/**
 * The fault server for one test file: started before its tests, closed after them whatever happens, and (unless
 * `resetBetweenTests` is false) with its request log emptied before each test. Use it only inside tests.
 */
export function useFaultServer({ resetBetweenTests = true } = {}): FaultServer {
  let server: FaultServer | undefined;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server?.close());
  if (resetBetweenTests) {
    beforeEach(() => {
      if (server) server.requests.length = 0;
    });
  }
  const current = (): FaultServer => {
    if (!server) throw new Error("useFaultServer: the server is only there while the file's tests run");
    return server;
  };
  return {
    get baseUrl() {
      return current().baseUrl;
    },
    get requests() {
      return current().requests;
    },
    script: (script) => current().script(script),
    sequence: (...faults) => current().sequence(...faults),
    close: () => current().close(),
  };
}
