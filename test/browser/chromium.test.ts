// The bundled client in a real headless Chromium: a page served from loopback calls the Prism mock across origins.
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bundleClient } from "../size/bundle.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const WEBHOOK_ID = "79fb1195-f5f3-4f29-a178-b0b480663577";
// The flags that work on a machine with no network beyond loopback (see .ci/run, which installs Chromium).
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const available = existsSync(CHROMIUM);
const inCi = process.env.CI === "true" || process.env.CI === "1";
if (!available && !inCi) {
  console.warn(
    `\n${"!".repeat(100)}\n!! SKIPPING the headless Chromium tests: no Chromium at ${CHROMIUM}.\n` +
      "!! Install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH; CI fails without it.\n" +
      `${"!".repeat(100)}\n`,
  );
}

describe.skipIf(!available && !inCi)("argil-client in headless Chromium", () => {
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!available)
      throw new Error(`CI=true but there is no Chromium at ${CHROMIUM}: .ci/run must install it`);
    const bundle = await bundleClient({
      entry: 'import * as argil from "argil-client";\nglobalThis.argilClient = argil;\n',
      format: "iife",
    });
    server = createServer((request, response) => {
      if (request.url === "/argil-client.js") {
        response.writeHead(200, { "content-type": "text/javascript" }).end(bundle.code);
      } else if (request.url === "/") {
        const html = '<!doctype html><meta charset="utf-8"><script src="/argil-client.js"></script>';
        response.writeHead(200, { "content-type": "text/html" }).end(html);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const { port } = server.address() as AddressInfo;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((closed) => (server ? server.close(closed) : closed(undefined)));
  });

  it("refuses to construct a client in the page without dangerouslyAllowBrowser", async () => {
    const outcome = await page.evaluate(() => {
      const { Argil, ConfigError } = (globalThis as never as { argilClient: typeof import("argil-client") })
        .argilClient;
      try {
        new Argil({ apiKey: "sk_browser_test" });
        return { threw: false };
      } catch (error) {
        return { threw: true, isConfigError: error instanceof ConfigError, message: String(error) };
      }
    });
    expect(outcome).toMatchObject({ threw: true, isConfigError: true });
    expect(outcome.message).toMatch(/browser.*exposed.*dangerouslyAllowBrowser: true/s);
    expect(outcome.message).not.toContain("sk_browser_test");
  });

  it("updates a webhook on the mock, across origins, with dangerouslyAllowBrowser: true", async () => {
    const outcome = await page.evaluate(
      async ({ baseUrl, id }) => {
        const { Argil, NotFoundError } = (
          globalThis as never as { argilClient: typeof import("argil-client") }
        ).argilClient;
        const argil = new Argil({ apiKey: "sk_browser_test", baseUrl, dangerouslyAllowBrowser: true });
        const webhook = await argil.webhooks.update(id, { events: ["VIDEO_GENERATION_SUCCESS"] });
        const error = await argil.videos.get("missing", { headers: { Prefer: "code=404" } }).catch((e) => e);
        return {
          webhookId: webhook.id,
          notFound: error instanceof NotFoundError,
          userAgent: navigator.userAgent,
        };
      },
      { baseUrl: inject("mockBaseUrl"), id: WEBHOOK_ID },
    );
    expect(outcome).toMatchObject({ webhookId: WEBHOOK_ID, notFound: true });
    expect(outcome.userAgent).toMatch(/HeadlessChrome|Chrome/);
  });
});
