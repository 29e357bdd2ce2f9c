/** startMockServer against a one-operation spec: what Prism answers, and that no Prism outlives a close or a failed start. */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "argil-client";
import { type MockServer, startMockServer } from "argil-client/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The seed fragment of Argil's docs for PUT /webhooks/{id}, trimmed to what Prism needs.
const SPEC = `
openapi: 3.0.1
info: { title: Argil API, version: 1.0.0 }
servers: [{ url: "https://api.argil.ai/v1" }]
security: [{ ApiKeyAuth: [] }]
paths:
  /webhooks/{id}:
    put:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                callbackUrl: { type: string }
                events: { $ref: "#/components/schemas/WebhookEventSchema" }
              additionalProperties: false
      responses:
        "200": { description: Updated, content: { application/json: { schema: { $ref: "#/components/schemas/Webhook" } } } }
        "400": { description: Invalid, content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
        "404": { description: Not found, content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
components:
  schemas:
    WebhookEventSchema:
      type: array
      minItems: 1
      items: { type: string, enum: [AVATAR_TRAINING_SUCCESS, AVATAR_TRAINING_FAILED, VIDEO_GENERATION_SUCCESS, VIDEO_GENERATION_FAILED] }
    Webhook:
      type: object
      properties:
        id: { type: string, format: uuid }
        callbackUrl: { type: string }
        events: { $ref: "#/components/schemas/WebhookEventSchema" }
    Error:
      type: object
      properties: { code: { type: integer, format: int32 }, message: { type: string } }
  securitySchemes:
    ApiKeyAuth: { type: apiKey, in: header, name: x-api-key }
`;

const exitListenersBefore = process.listenerCount("exit");
let dir: string;
let specPath: string;
let server: MockServer;
let other: MockServer;
let dynamic: MockServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "argil-mock-server-"));
  specPath = join(dir, "argil.yaml");
  await writeFile(specPath, SPEC);
  [server, other, dynamic] = await Promise.all([
    startMockServer({ specPath }),
    startMockServer({ specPath }),
    startMockServer({ specPath, dynamic: true }),
  ]);
});

afterAll(async () => {
  await Promise.all([server, other, dynamic].map((mock) => mock?.close()));
  await rm(dir, { recursive: true, force: true });
});

function putWebhook(baseUrl: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/webhooks/x`, {
    method: "PUT",
    headers: { "x-api-key": "test-key", "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const validBody = { events: ["VIDEO_GENERATION_SUCCESS"] };
const portOf = (mock: MockServer) => Number(new URL(mock.baseUrl).port);

/** Command lines of running Prism processes that contain every one of the given strings. */
function prismProcesses(...parts: string[]): string[] {
  return execFileSync("ps", ["-A", "-ww", "-o", "args="], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("prism-cli") && parts.every((part) => line.includes(part)));
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED"));
  });
}

describe("startMockServer", () => {
  it("serves the spec at the root of a loopback base URL", async () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await putWebhook(server.baseUrl, validBody);
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(await response.json()).toMatchObject({ id: expect.any(String), events: expect.any(Array) });
  });

  it("answers a request without x-api-key with a 401 problem", async () => {
    const response = await fetch(`${server.baseUrl}/webhooks/x`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validBody),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  it("answers an invalid body with the spec's 400 and an sl-violations header", async () => {
    for (const body of [{ events: [] }, { events: ["NOPE"] }, { ...validBody, extra: 1 }]) {
      const response = await putWebhook(server.baseUrl, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get("sl-violations"), JSON.stringify(body)).toBeTruthy();
      expect(await response.json()).toMatchObject({ code: expect.any(Number), message: expect.any(String) });
    }
  });

  it("answers with the status a Prefer: code header asks for", async () => {
    const response = await putWebhook(server.baseUrl, validBody, { prefer: "code=404" });
    expect(response.status).toBe(404);
  });

  it("generates bodies from the schemas in dynamic mode and reuses the examples otherwise", async () => {
    const twoIds = (mock: MockServer) =>
      Promise.all([1, 2].map(async () => (await (await putWebhook(mock.baseUrl, validBody)).json()).id));
    const [first, second] = await twoIds(server);
    expect(first).toBe(second);
    const [one, another] = await twoIds(dynamic);
    expect(one).not.toBe(another);
  });

  it("gives each server its own port", () => {
    const ports = new Set([server, other, dynamic].map(portOf));
    expect(ports.size).toBe(3);
  });

  it("stops Prism and frees the port on close, and closing again is harmless", async () => {
    const port = portOf(other);
    expect(prismProcesses(specPath, `-p ${port}`)).toHaveLength(1);
    await Promise.all([other.close(), other.close()]);
    expect(prismProcesses(specPath, `-p ${port}`)).toEqual([]);
    expect(await refusesConnections(port)).toBe(true);
    await expect(other.close()).resolves.toBeUndefined();
  });

  it("rejects with Prism's output when the spec cannot be read, leaving no process behind", async () => {
    const missing = join(dir, "missing.yaml");
    await expect(startMockServer({ specPath: missing })).rejects.toThrow(
      /Prism exited \(code 1\)[\s\S]*Last output from Prism:[\s\S]*Error opening file[\s\S]*missing\.yaml/,
    );
    expect(prismProcesses(missing)).toEqual([]);
  });

  it("rejects with Prism's output when the given port is taken", async () => {
    // Dropping each connection keeps close() from waiting on the startup probes it received.
    const blocker: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", done));
    const address = blocker.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      await expect(startMockServer({ specPath, port })).rejects.toThrow(/EADDRINUSE/);
      expect(prismProcesses(specPath, `-p ${port}`)).toEqual([]);
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  });

  it("rejects and stops Prism when it does not start in time", async () => {
    const slow = join(dir, "slow.yaml");
    await writeFile(slow, SPEC);
    await expect(startMockServer({ specPath: slow, startupTimeoutMs: 50 })).rejects.toThrow(
      /did not answer within 50 ms/,
    );
    expect(prismProcesses(slow)).toEqual([]);
  });

  it("registers one exit listener for all running servers and removes it once all are closed", async () => {
    expect(process.listenerCount("exit")).toBe(exitListenersBefore + 1);
    await Promise.all([server.close(), dynamic.close()]);
    expect(process.listenerCount("exit")).toBe(exitListenersBefore);
  });

  it("rejects a port outside 1 to 65535 before starting anything", async () => {
    await expect(startMockServer({ specPath, port: 70_000 })).rejects.toThrow(ConfigError);
  });

  it.each([
    ["null options", null],
    ["a string", "openapi.yaml"],
    ["a non-boolean dynamic", { dynamic: "yes" }],
    ["an unknown option", { prot: 4010 }],
    ["a negative startup timeout", { startupTimeoutMs: -1 }],
  ])("rejects %s with ConfigError before starting anything", async (_kind, options) => {
    await expect(startMockServer(options as never)).rejects.toThrow(ConfigError);
  });
});
