// Nothing outlives a call: no timer, no listener, and a process that made calls exits as soon as its work is done.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { reply } from "../../support/fault-server.js";
import { clientFor, sleep, useFaultServer } from "./support.js";

const server = useFaultServer({ resetBetweenTests: false });

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

// How often each path was asked for: the retried call fails its own first attempt, whatever else is in flight
// (the server's overall request index depends on how the concurrent calls interleave).
const seen = new Map<string, number>();

// Answers by the id in the path, so calls made at once get the answer meant for them.
function byPath(path: string) {
  const count = (seen.get(path) ?? 0) + 1;
  seen.set(path, count);
  if (path.includes("missing")) return reply(404, { code: 404, message: "Video not found" });
  if (path.includes("retried") && count === 1) return reply(503, {}, { "retry-after": "0" });
  if (path.includes("hangs") || path.includes("aborted")) return { kind: "hang" } as const;
  if (path === "/videos") return reply(500, { code: 500, message: "boom" });
  return reply(200, path === "/webhooks" ? [] : { id: "vid_1" });
}

describe("after calls settle", () => {
  it("leaves no timer of the client behind, whatever the outcome", async () => {
    seen.clear();
    server.script((request) => byPath(request.path));
    const before = timers();
    const argil = clientFor(server, { timeoutMs: 30_000 });
    const controller = new AbortController();
    const outcomes = await Promise.allSettled([
      argil.videos.get("ok"),
      argil.videos.get("missing"),
      argil.videos.create({ name: "fails", moments: [] }),
      argil.videos.get("retried"),
      argil.raw.GET("/webhooks"),
      argil.videos.get("hangs", { timeoutMs: 50, maxRetries: 0 }),
      argil.videos.get("aborted", { signal: controller.signal }),
      sleep(20).then(() => controller.abort()),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("lets a process that made calls with a 30 s timeout exit at once", async () => {
    seen.clear();
    server.script((request) => byPath(request.path));
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        fileURLToPath(new URL("./fixtures/exit-child.ts", import.meta.url)),
        server.baseUrl,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let doneAt = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) doneAt ||= performance.now();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => {
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.on("exit", (exitCode) => {
        clearTimeout(killer);
        resolve(exitCode);
      });
    });
    const exitedAfterMs = performance.now() - doneAt;
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(stdout)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    expect(doneAt).toBeGreaterThan(0);
    expect(exitedAfterMs).toBeLessThan(2000);
  });
});
