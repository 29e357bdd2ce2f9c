// Wait helpers for Argil's asynchronous jobs (a render, an avatar's training, an asset's processing), on top
// of the resources' own `get` (and `render`), so every poll goes through the client's retry rules.
import type { ArgilResources } from "./generated/resources.js";
import { assertWaitOptions, type PollOptions, poll } from "./polling.js";
import type { Schema } from "./schema.js";

type Video = Schema<"Video">;
type Avatar = Schema<"Avatar">;
type Asset = Schema<"Asset">;

/** The resource methods the waiters call: a subset of the client's, so tests can pass stand-ins. */
export interface WaiterResources {
  readonly videos: Pick<ArgilResources["videos"], "get" | "render">;
  readonly avatars: Pick<ArgilResources["avatars"], "get">;
  readonly assets: Pick<ArgilResources["assets"], "get">;
}

/** Options of `videos.waitUntilDone`: defaults 5000 ms between polls, 30 minutes in all. */
export type VideoWaitOptions = PollOptions<Schema<"VideoStatus">, Video>;
/** Options of `videos.renderAndWait`: those of waitUntilDone, plus the render's `callbackUrl`. */
export interface RenderAndWaitOptions extends VideoWaitOptions {
  /** HTTPS URL Argil POSTs to once when this render ends (passed to the render). */
  callbackUrl?: string | undefined;
}
/** Options of `avatars.waitUntilReady`: defaults 2000 ms between polls, 5 minutes in all. */
export type AvatarWaitOptions = PollOptions<Schema<"AvatarStatus">, Avatar>;
/** Options of `assets.waitUntilReady`: defaults 2000 ms between polls, 10 minutes in all. */
export type AssetWaitOptions = PollOptions<Schema<"AssetStatus">, Asset>;

/** The wait helpers, grouped like the client's resources; the client merges them onto `argil.videos` etc. */
export interface Waiters {
  readonly videos: {
    /**
     * Polls the video until it is `DONE` and resolves to it. Rejects with ResourceFailedError when it is
     * `FAILED`, WaitTimeoutError after `timeoutMs`, APIUserAbortError when `signal` aborts. A video that was
     * never rendered stays `IDLE`: render it first, or use renderAndWait.
     */
    waitUntilDone(id: string, options?: VideoWaitOptions): Promise<Video & { status: "DONE" }>;
    /** Renders the video, then waits as waitUntilDone does; `timeoutMs` covers both. */
    renderAndWait(id: string, options?: RenderAndWaitOptions): Promise<Video & { status: "DONE" }>;
  };
  readonly avatars: {
    /**
     * Polls the avatar until it is `IDLE` (trained, ready to use) and resolves to it. Rejects with
     * ResourceFailedError when it is `TRAINING_FAILED` or `REFUSED` (moderation), and as waitUntilDone does.
     */
    waitUntilReady(id: string, options?: AvatarWaitOptions): Promise<Avatar & { status: "IDLE" }>;
  };
  readonly assets: {
    /** Polls the asset until it is `READY` and resolves to it. Rejects with ResourceFailedError when `FAILED`. */
    waitUntilReady(id: string, options?: AssetWaitOptions): Promise<Asset & { status: "READY" }>;
  };
}

const MINUTE = 60_000;

/** Builds the wait helpers over `resources` (the client's, or stand-ins with the same methods). */
export function createWaiters(resources: WaiterResources): Waiters {
  const { videos, avatars, assets } = resources;
  const video = (id: string) => ({
    resourceType: "video" as const,
    id,
    method: "GET",
    path: "/videos/{id}",
    fetch: (signal: AbortSignal) => videos.get(id, { signal }),
    done: ["DONE"],
    failed: ["FAILED"],
    timeoutHint: "raise timeoutMs, or listen for the VIDEO_GENERATION_SUCCESS webhook instead of polling",
    defaults: { intervalMs: 5000, timeoutMs: 30 * MINUTE },
  });
  return {
    videos: {
      waitUntilDone: (id, options) => poll(video(id), options) as Promise<Video & { status: "DONE" }>,
      renderAndWait: (id, options = {}) => {
        // Rejects rather than throws, like every other method.
        try {
          assertWaitOptions(`waiting for video ${id}`, options, ["callbackUrl"]);
        } catch (error) {
          return Promise.reject(error);
        }
        const { callbackUrl, ...waitOptions } = options;
        const first = (signal: AbortSignal) =>
          videos.render(id, callbackUrl === undefined ? undefined : { callbackUrl }, { signal });
        return poll({ ...video(id), first }, waitOptions) as Promise<Video & { status: "DONE" }>;
      },
    },
    avatars: {
      waitUntilReady: (id, options) =>
        poll(
          {
            resourceType: "avatar",
            id,
            method: "GET",
            path: "/avatars/{id}",
            fetch: (signal) => avatars.get(id, { signal }),
            done: ["IDLE"],
            failed: ["TRAINING_FAILED", "REFUSED"],
            timeoutHint:
              "raise timeoutMs, or listen for the AVATAR_TRAINING_SUCCESS webhook instead of polling",
            defaults: { intervalMs: 2000, timeoutMs: 5 * MINUTE },
          },
          options,
        ) as Promise<Avatar & { status: "IDLE" }>,
    },
    assets: {
      waitUntilReady: (id, options) =>
        poll(
          {
            resourceType: "asset",
            id,
            method: "GET",
            path: "/assets/{id}",
            fetch: (signal) => assets.get(id, { signal }),
            done: ["READY"],
            failed: ["FAILED"],
            timeoutHint: "raise timeoutMs",
            defaults: { intervalMs: 2000, timeoutMs: 10 * MINUTE },
          },
          options,
        ) as Promise<Asset & { status: "READY" }>,
    },
  };
}
