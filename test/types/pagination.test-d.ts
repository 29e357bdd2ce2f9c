import type { Argil, PagePromise, Schema } from "argil-client";
import { describe, expectTypeOf, it } from "vitest";

declare const argil: Argil;

describe("paginated list types", () => {
  it("awaits to the page and iterates to its items", () => {
    expectTypeOf(argil.videos.list()).toEqualTypeOf<PagePromise<Schema<"VideoList">, Schema<"Video">>>();
    expectTypeOf(argil.subtitles.list()).toEqualTypeOf<
      PagePromise<Schema<"SubtitleStyleList">, Schema<"SubtitleStyle">>
    >();
    expectTypeOf(argil.assets.list()).toEqualTypeOf<PagePromise<Schema<"Asset">[], Schema<"Asset">>>();
    expectTypeOf<Awaited<ReturnType<Argil["videos"]["list"]>>>().toEqualTypeOf<Schema<"VideoList">>();
  });

  it("keeps plain lists as promises of arrays", () => {
    expectTypeOf(argil.webhooks.list()).toEqualTypeOf<Promise<Schema<"Webhook">[]>>();
  });

  it("adds the wait helpers to videos, avatars and assets", () => {
    expectTypeOf(argil.videos.waitUntilDone)
      .returns.resolves.toHaveProperty("status")
      .toEqualTypeOf<"DONE">();
    expectTypeOf(argil.avatars.waitUntilReady)
      .returns.resolves.toHaveProperty("status")
      .toEqualTypeOf<"IDLE">();
    expectTypeOf(argil.assets.waitUntilReady)
      .returns.resolves.toHaveProperty("status")
      .toEqualTypeOf<"READY">();
  });
});
