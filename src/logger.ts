// Log levels, the console-shaped logger the client writes to, and the level check that keeps quiet levels free.

/** How much the client logs; each level includes the ones before it. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Anything shaped like `console`: pino, winston and most loggers fit. Each method gets a line and a details object. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

/** A logger with its level, resolved once per client. */
export interface Log {
  /** 0 for off up to 4 for debug: compare with {@link WARN}, {@link INFO}, {@link DEBUG} before building a line. */
  readonly rank: number;
  readonly logger: Logger;
}

export const WARN = 2;
export const INFO = 3;
export const DEBUG = 4;

const RANKS: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: WARN, info: INFO, debug: DEBUG };
const METHODS = ["error", "warn", "info", "debug"] as const;

/** The level `value` names (any letter case, surrounding spaces ignored), or undefined when it names none. */
export function parseLogLevel(value: unknown): LogLevel | undefined {
  if (typeof value !== "string") return undefined;
  const level = value.trim().toLowerCase();
  return Object.hasOwn(RANKS, level) ? (level as LogLevel) : undefined;
}

/** True for an object with the four methods of {@link Logger}. */
export function isLogger(value: unknown): value is Logger {
  const candidate = value as Partial<Record<(typeof METHODS)[number], unknown>> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    METHODS.every((name) => typeof candidate[name] === "function")
  );
}

export function createLog(level: LogLevel, logger: Logger): Log {
  return Object.freeze({ rank: RANKS[level], logger });
}

/** Writes one line if `level` is on; a logger that throws never breaks the call being logged. */
export function emit(log: Log, level: "warn" | "info" | "debug", message: string, details: object): void {
  if (log.rank < RANKS[level]) return;
  try {
    log.logger[level](message, details);
  } catch {
    // Logging is best effort.
  }
}
