// Redirects are never followed: fetch would resend x-api-key to wherever a 3xx points.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { APIError, Argil } from "argil-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY } from "../support/scripted-fetch.js";

let api: Server;
let elsewhere: Server;
const seenElsewhere: IncomingHttpHeaders[] = [];
const baseOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

beforeAll(async () => {
  elsewhere = createServer((request, response) => {
    seenElsewhere.push(request.headers);
    response.writeHead(200, { "content-type": "application/json" }).end('{"id":"stolen"}');
  });
  await listen(elsewhere);
  api = createServer((request, response) => {
    request.resume();
    response.writeHead(302, { location: `${baseOf(elsewhere)}/steal` }).end();
  });
  await listen(api);
});

afterAll(async () => {
  await Promise.all([api, elsewhere].map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("a redirect from the API", () => {
  it.each([
    ["a GET", (argil: Argil) => argil.videos.get("vid_1")],
    [
      "a POST",
      (argil: Argil) => argil.videos.create({ name: "x", moments: [{ avatarId: "a", transcript: "t" }] }),
    ],
    ["a raw GET", (argil: Argil) => argil.raw.GET("/videos/{id}", { params: { path: { id: "vid_1" } } })],
  ])("is an APIError naming the target for %s, and the key never reaches it", async (_kind, call) => {
    const argil = new Argil({ apiKey: TEST_KEY, baseUrl: baseOf(api), maxRetries: 0, logLevel: "off" });
    const error = await call(argil).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(302);
    expect((error as Error).message).toContain(
      `the API answered with a redirect to ${baseOf(elsewhere)}/steal`,
    );
    expect(seenElsewhere).toEqual([]);
  });

  it("cannot be followed by setting redirect on a raw call", async () => {
    const argil = new Argil({ apiKey: TEST_KEY, baseUrl: baseOf(api), maxRetries: 0 });
    const raw = argil.raw.GET as unknown as (url: string, init: object) => Promise<unknown>;
    await expect(raw("/webhooks", { redirect: "follow" })).rejects.toThrow(
      /redirect cannot be set per request/,
    );
    expect(seenElsewhere).toEqual([]);
  });
});
