import { inspect } from "node:util";
import { Argil, ConfigError } from "argil-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, scriptedFetch, TEST_KEY } from "../support/scripted-fetch.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

function configErrorOf(make: () => unknown): ConfigError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("new Argil(options)", () => {
  it("throws ConfigError when no key is given and ARGIL_API_KEY is unset", () => {
    vi.stubEnv("ARGIL_API_KEY", undefined as unknown as string);
    expect(configErrorOf(() => new Argil()).message).toMatch(/ARGIL_API_KEY/);
  });

  it.each([
    ["empty", ""],
    ["whitespace-only", " \t "],
    ["newline-containing", "sk_abc\r\nx-evil: 1"],
    ["NUL-containing", "sk_abc\u0000"],
    ["non-ASCII", "sk_abcé"],
  ])("throws ConfigError for a %s key without echoing it", (_kind, apiKey) => {
    const error = configErrorOf(() => new Argil({ apiKey }));
    if (apiKey.trim()) {
      expect(error.message).not.toContain(apiKey.trim());
      expect(inspect(error, { depth: 5 })).not.toContain(apiKey.trim());
    }
  });

  it("throws ConfigError for a non-string key", () => {
    configErrorOf(() => new Argil({ apiKey: 42 as unknown as string }));
  });

  it("reads the key from ARGIL_API_KEY and the base URL from ARGIL_BASE_URL", async () => {
    vi.stubEnv("ARGIL_API_KEY", TEST_KEY);
    vi.stubEnv("ARGIL_BASE_URL", "http://127.0.0.1:9/v9/");
    const stub = scriptedFetch(json([]));
    await new Argil({ fetch: stub.fetch }).webhooks.list();
    expect(stub.requests[0]?.url.href).toBe("http://127.0.0.1:9/v9/webhooks");
    expect(stub.requests[0]?.headers.get("x-api-key")).toBe(TEST_KEY);
  });

  it("defaults the base URL to the spec's server", async () => {
    vi.stubEnv("ARGIL_BASE_URL", undefined as unknown as string);
    const stub = scriptedFetch(json([]));
    await new Argil({ apiKey: TEST_KEY, fetch: stub.fetch }).webhooks.list();
    expect(stub.requests[0]?.url.href).toBe("https://api.argil.ai/v1/webhooks");
  });

  it("prefers explicit options over the environment", async () => {
    vi.stubEnv("ARGIL_API_KEY", "sk_from_env");
    vi.stubEnv("ARGIL_BASE_URL", "https://env.example/v1");
    const stub = scriptedFetch(json([]));
    await new Argil({
      apiKey: TEST_KEY,
      baseUrl: "https://explicit.example/v1",
      fetch: stub.fetch,
    }).webhooks.list();
    expect(stub.requests[0]?.url.href).toBe("https://explicit.example/v1/webhooks");
    expect(stub.requests[0]?.headers.get("x-api-key")).toBe(TEST_KEY);
  });

  it.each(["not a url", "ftp://api.argil.ai/v1", "https://api.argil.ai/v1?x=1", ""])(
    "throws ConfigError for the base URL %j",
    (baseUrl) => {
      configErrorOf(() => new Argil({ apiKey: TEST_KEY, baseUrl }));
    },
  );

  it("throws ConfigError for default headers that cannot be sent", () => {
    configErrorOf(() => new Argil({ apiKey: TEST_KEY, headers: { "x-trace": "a\nb" } }));
    configErrorOf(() => new Argil({ apiKey: TEST_KEY, headers: { "bad name": "x" } }));
  });

  it("keeps the key out of the client's inspect() output", () => {
    const argil = new Argil({ apiKey: TEST_KEY, fetch: scriptedFetch(json([])).fetch });
    expect(inspect(argil, { depth: 10, showHidden: true })).not.toContain(TEST_KEY);
    expect(JSON.stringify(argil)).not.toContain(TEST_KEY);
  });
});
