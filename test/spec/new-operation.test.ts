// A new operation in the spec becomes a typed method after `npm run generate`, with no hand-written code.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { renderGenerated } from "../../scripts/generate.js";
import { createHttpClient } from "../../src/http-client.js";
import { resolveOptions } from "../../src/options.js";
import { buildResources } from "../../src/resources.js";
import { json, scriptedFetch, TEST_KEY } from "../support/scripted-fetch.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const work = join(root, ".tmp", "new-operation");
let files: Map<string, string>;

beforeAll(async () => {
  const spec = parse(readFileSync(join(root, "openapi/argil.yaml"), "utf8"));
  spec.paths["/folders/{folderId}/videos"] = {
    post: {
      operationId: "folders.addVideo",
      tags: ["Folders"],
      summary: "Add a video to a folder",
      parameters: [{ name: "folderId", in: "path", required: true, schema: { type: "string" } }],
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: { type: "object", properties: { videoId: { type: "string" } } } },
        },
      },
      responses: {
        "201": { description: "Added", content: { "application/json": { schema: { type: "object" } } } },
      },
    },
  };
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, "argil.yaml"), stringify(spec));
  files = await renderGenerated(join(work, "argil.yaml"));
  for (const [name, text] of files) writeFileSync(join(work, name), text);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a new operation in the spec", () => {
  it("gets a typed method with its summary as JSDoc and a new resource", () => {
    const resources = files.get("resources.ts") ?? "";
    expect(resources).toContain("readonly folders: FoldersResource;");
    expect(resources).toMatch(
      /\* Add a video to a folder[\s\S]*addVideo\(folderId: OperationPathParams<"folders\.addVideo">\["folderId"\], body: OperationBody<"folders\.addVideo">/,
    );
  });

  it("is callable at run time from the generated table alone", async () => {
    const { operationTable } = await import(join(work, "operations.ts"));
    const stub = scriptedFetch(json({}, 201));
    const client = createHttpClient(
      resolveOptions({ apiKey: TEST_KEY, baseUrl: "https://api.test/v1", fetch: stub.fetch }),
    );
    const resources = buildResources(client, TEST_KEY, operationTable) as unknown as {
      folders: { addVideo(folderId: string, body: object): Promise<unknown> };
    };
    await resources.folders.addVideo("f_1", { videoId: "v_1" });
    expect(stub.requests[0]?.method).toBe("POST");
    expect(stub.requests[0]?.url.pathname).toBe("/v1/folders/f_1/videos");
    expect(stub.requests[0]?.body).toBe('{"videoId":"v_1"}');
  });
});
