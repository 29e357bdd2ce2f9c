// Stand-in resources for the wait helpers: each `get` answers from a script of statuses, one per call.
import { vi } from "vitest";
import type { RequestOptions, Schema } from "../../../src/index.js";
import type { WaiterResources } from "../../../src/waiters.js";

type Reply<R> = R | Error | "hang";

export interface Scripted<R> {
  (id: string, options?: RequestOptions): Promise<R>;
  /** The signal each call was given. */
  signals: AbortSignal[];
}

/** A `get` that answers each call with the next reply (the last repeats); "hang" never settles until aborted. */
export function scriptedGet<R>(replies: Reply<R>[]): Scripted<R> {
  const signals: AbortSignal[] = [];
  let index = 0;
  const get = vi.fn(async (_id: string, options?: RequestOptions): Promise<R> => {
    if (options?.signal) signals.push(options.signal);
    const reply = replies[Math.min(index++, replies.length - 1)] as Reply<R>;
    if (reply instanceof Error) throw reply;
    if (reply === "hang") {
      return new Promise<R>((_, reject) =>
        options?.signal?.addEventListener("abort", () => reject(options.signal?.reason), { once: true }),
      );
    }
    return structuredClone(reply);
  });
  return Object.assign(get, { signals });
}

export interface ScriptedRender {
  (id: string, body?: Schema<"VideoRenderArgs">, options?: RequestOptions): Promise<Schema<"Video">>;
  signals: AbortSignal[];
}

/** A `render` answering like scriptedGet; its calls (id, body, options) are recorded by vi.fn. */
export function scriptedRender(replies: Reply<Schema<"Video">>[]): ScriptedRender {
  const get = scriptedGet(replies);
  const render = vi.fn((_id: string, _body?: Schema<"VideoRenderArgs">, options?: RequestOptions) =>
    get(_id, options),
  );
  return Object.assign(render, { signals: get.signals });
}

export const VIDEO_ID = "afaac696-1560-4e99-9d7e-4a3853c7182a";
export const video = (status: Schema<"VideoStatus">): Schema<"Video"> => ({
  id: VIDEO_ID,
  name: "Launch",
  status,
});
export const avatar = (status: Schema<"AvatarStatus">): Schema<"Avatar"> => ({ id: "c6679d72", status });
export const asset = (status: Schema<"AssetStatus">): Schema<"Asset"> => ({ id: "0e522e89", status });

/** Resources whose methods fail loudly unless a test scripts them. */
export function resources(overrides: {
  videoGet?: Scripted<Schema<"Video">>;
  render?: ScriptedRender;
  avatarGet?: Scripted<Schema<"Avatar">>;
  assetGet?: Scripted<Schema<"Asset">>;
}): WaiterResources {
  const unscripted = scriptedGet<never>([new Error("not scripted")]);
  return {
    videos: {
      get: overrides.videoGet ?? unscripted,
      render: overrides.render ?? scriptedRender([new Error("not scripted")]),
    },
    avatars: { get: overrides.avatarGet ?? unscripted },
    assets: { get: overrides.assetGet ?? unscripted },
  };
}
