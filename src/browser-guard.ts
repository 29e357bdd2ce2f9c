// Refuses to build a client inside a web page unless asked to, because the page would expose the API key.
import { ConfigError } from "./errors.js";

/**
 * Whether this code runs in a browser page: a global `window` with a `document`. Node, Deno, Bun, edge runtimes
 * and web or service workers have no `document`, so none of them counts (Deno 1 has a `window` but no `document`).
 * A DOM emulation such as jsdom or happy-dom does count, as it stands in for a page.
 */
export function isBrowserPage(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window === "object" && scope.window !== null && typeof scope.document === "object";
}

/**
 * Throws `ConfigError` when the client is constructed in a browser page without `dangerouslyAllowBrowser: true`:
 * anything a page holds, including the `x-api-key` it sends, is readable by whoever loads the page.
 */
export function assertServerSide(options: unknown): void {
  if (!isBrowserPage()) return;
  const allowed =
    typeof options === "object" &&
    options !== null &&
    (options as { dangerouslyAllowBrowser?: unknown }).dangerouslyAllowBrowser === true;
  if (allowed) return;
  throw new ConfigError(
    "new Argil() was called in a browser, where the API key would be exposed to anyone who loads the page. " +
      "Call Argil from your server; to accept the risk (a demo key, a DOM emulation in tests), pass " +
      "`dangerouslyAllowBrowser: true`.",
  );
}
