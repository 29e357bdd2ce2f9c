import { NotFoundError, ResponseValidationError } from "argil-client";
import { describe, expect, it } from "vitest";
import { json, scriptedClient } from "../support/scripted-fetch.js";

const client = scriptedClient;

const videoPage = (page: number, totalPages: number, ids: string[]) =>
  json({ currentPage: page, totalPages, totalItems: 99, itemsPerPage: 2, videos: ids.map((id) => ({ id })) });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("auto-pagination", () => {
  it("resolves to one page when awaited, exactly as the API returned it", async () => {
    const { argil, stub } = client(videoPage(1, 3, ["a", "b"]));
    const page = await argil.videos.list({ limit: 2 });
    expect(page.videos).toEqual([{ id: "a" }, { id: "b" }]);
    expect(stub.requests).toHaveLength(1);
  });

  it("iterates every video across envelope pages and stops at totalPages", async () => {
    const { argil, stub } = client(
      videoPage(1, 3, ["a", "b"]),
      videoPage(2, 3, ["c", "d"]),
      videoPage(3, 3, ["e"]),
    );
    const ids = (await collect(argil.videos.list({ limit: 2, nameSearchQuery: "x" }))).map((v) => v.id);
    expect(ids).toEqual(["a", "b", "c", "d", "e"]);
    expect(stub.requests.map((r) => r.url.search)).toEqual([
      "?limit=2&nameSearchQuery=x",
      "?limit=2&nameSearchQuery=x&page=2",
      "?limit=2&nameSearchQuery=x&page=3",
    ]);
  });

  it("starts from the page the caller asked for", async () => {
    const { argil, stub } = client(videoPage(2, 3, ["c"]), videoPage(3, 3, ["e"]));
    expect((await collect(argil.videos.list({ page: 2 }))).map((v) => v.id)).toEqual(["c", "e"]);
    expect(stub.requests.map((r) => r.url.searchParams.get("page"))).toEqual(["2", "3"]);
  });

  it("stops at an empty page without asking for another", async () => {
    const { argil, stub } = client(videoPage(1, 9, ["a"]), videoPage(2, 9, []));
    expect(await collect(argil.videos.list())).toHaveLength(1);
    expect(stub.requests).toHaveLength(2);
  });

  it("pages subtitle styles through their items envelope", async () => {
    const { argil, stub } = client(
      json({ items: [{ id: "s1" }], totalPages: 2 }),
      json({ items: [{ id: "s2" }], totalPages: 2 }),
    );
    expect((await collect(argil.subtitles.list({ pageSize: 1 }))).map((s) => s.id)).toEqual(["s1", "s2"]);
    expect(stub.requests[1]?.url.search).toBe("?pageSize=1&page=2");
  });

  it("pages bare-array assets by the X-Total-Pages header", async () => {
    const { argil, stub } = client(
      json([{ id: "a1" }, { id: "a2" }], 200, { "X-Total-Pages": "2" }),
      json([{ id: "a3" }], 200, { "X-Total-Pages": "2" }),
    );
    expect((await collect(argil.assets.list({ type: ["VIDEO"], pageSize: 2 }))).map((a) => a.id)).toEqual([
      "a1",
      "a2",
      "a3",
    ]);
    expect(stub.requests.map((r) => r.url.search)).toEqual([
      "?type=VIDEO&pageSize=2",
      "?type=VIDEO&pageSize=2&page=2",
    ]);
  });

  it("treats a short page as the last one when no page count is given", async () => {
    const { argil, stub } = client(json([{ id: "a1" }, { id: "a2" }]), json([{ id: "a3" }]));
    expect(await collect(argil.assets.list({ pageSize: 2 }))).toHaveLength(3);
    expect(stub.requests).toHaveLength(2);
  });

  it("stops fetching when the loop breaks", async () => {
    const { argil, stub } = client(videoPage(1, 5, ["a", "b"]), videoPage(2, 5, ["c", "d"]));
    for await (const video of argil.videos.list()) {
      if (video.id === "b") break;
    }
    expect(stub.requests).toHaveLength(1);
  });

  it("rejects the loop with the page's typed error", async () => {
    const { argil } = client(videoPage(1, 2, ["a"]), json({ code: 404, message: "gone" }, 404));
    await expect(collect(argil.videos.list())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rejects a query that is not an object instead of paging on its characters", async () => {
    const { argil, stub } = client(videoPage(1, 1, []));
    await expect(argil.videos.list("page=2" as never)).rejects.toMatchObject({ name: "InvalidRequestError" });
    expect(stub.requests).toHaveLength(0);
  });

  it.each([0, 1.5, -2, "2"])("rejects the starting page %j, sending nothing", async (page) => {
    const { argil, stub } = client(videoPage(1, 1, ["a"]));
    await expect(collect(argil.videos.list({ page } as never))).rejects.toThrow(
      /page must be a whole number from 1/,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it("stops when a server without page counts ignores the page number", async () => {
    const { argil, stub } = client(json({ videos: [{ id: "x" }] }));
    expect(await collect(argil.videos.list())).toEqual([{ id: "x" }]);
    expect(stub.requests).toHaveLength(2);
  });

  it("takes the first page's length as the page size when none was asked for and no count is given", async () => {
    const { argil, stub } = client(json([{ id: "a1" }, { id: "a2" }]), json([{ id: "a3" }]));
    expect(await collect(argil.assets.list())).toHaveLength(3);
    expect(stub.requests).toHaveLength(2);
  });
});

describe("a page without its list of items", () => {
  it.each([
    [
      "a subtitles page with no items envelope",
      "subtitles",
      json({ nope: 1 }),
      "200 GET /subtitles: the response body does not match the spec (subtitles.list): /items must be the array of items of a page (it is missing)",
    ],
    [
      "an assets page that is an object, not an array",
      "assets",
      json({ items: [] }),
      "200 GET /assets: the response body does not match the spec (assets.list): the body must be the array of items of a page (got object)",
    ],
    [
      "a videos page whose videos is null",
      "videos",
      json({ totalPages: 3, videos: null }),
      "200 GET /videos: the response body does not match the spec (videos.list): /videos must be the array of items of a page (got null)",
    ],
  ] as const)(
    "fails iteration with ResponseValidationError for %s",
    async (_kind, resource, page, message) => {
      const { argil, stub } = client(page);
      const error = await collect(argil[resource].list() as AsyncIterable<unknown>).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toBe(message);
      expect((error as ResponseValidationError).body).toEqual(await page.clone().json());
      expect(stub.requests).toHaveLength(1);
    },
  );

  it("leaves awaiting the page alone: it resolves to the body as the API sent it", async () => {
    const { argil } = client(json({ nope: 1 }));
    await expect(argil.subtitles.list()).resolves.toEqual({ nope: 1 });
  });
});
