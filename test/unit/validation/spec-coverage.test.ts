import { describe, expect, it } from "vitest";
import { deref } from "../../../scripts/codegen/spec-model.js";
import { requestBodyValidators, responseBodyValidators } from "../../../src/generated/validators.js";
import { validateRequest, validateResponse } from "../../../src/validation.js";
import { operations, spec } from "../../support/spec-operations.js";

type Json = Record<string, unknown>;

const raw = (path: string, method: string) =>
  ((spec.paths as Json)[path] as Json)[method.toLowerCase()] as Json;
const jsonMedia = (content: unknown) =>
  (content as Json | undefined)?.["application/json"] as Json | undefined;
const examplesOf = (media: Json | undefined): unknown[] => [
  ...(media?.example === undefined ? [] : [media.example]),
  ...Object.values((media?.examples ?? {}) as Json).map((example) => (example as Json).value),
];

const withBody = operations.filter((op) => op.body !== "none");
const successResponses = operations.flatMap((op) =>
  Object.entries((raw(op.path, op.method).responses ?? {}) as Json)
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([status, response]) => ({ op, status, media: jsonMedia(deref(spec, response as Json).content) }))
    .filter(({ media }) => media !== undefined),
);

describe("the generated validators", () => {
  it("cover every operation that takes a JSON body", () => {
    expect(withBody.length).toBeGreaterThan(0);
    expect(Object.keys(requestBodyValidators).sort()).toEqual(withBody.map((op) => op.operationId).sort());
  });

  it("cover every JSON success response, by status", () => {
    for (const { op, status } of successResponses) {
      expect(responseBodyValidators[op.operationId]?.[status], `${op.operationId} ${status}`).toBeDefined();
    }
  });

  it.each(withBody.map((op) => [op.operationId, op] as const))(
    "accept the spec's request examples for %s",
    (_, op) => {
      const media = jsonMedia(deref(spec, raw(op.path, op.method).requestBody as Json).content);
      const examples = examplesOf(media);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(() => validateRequest(op.operationId, example)).not.toThrow();
    },
  );

  it.each(successResponses.map((r) => [`${r.op.operationId} ${r.status}`, r] as const))(
    "accept the spec's response example for %s",
    (_, { op, status, media }) => {
      const context = { status: Number(status), method: op.method, path: op.path, url: "" };
      for (const example of examplesOf(media)) {
        expect(() => validateResponse(op.operationId, example, context)).not.toThrow();
      }
    },
  );

  it("compile nothing at run time: the generated module imports no package", async () => {
    const { readFile } = await import("node:fs/promises");
    const code = await readFile(new URL("../../../src/generated/validators.ts", import.meta.url), "utf8");
    expect(code).not.toMatch(/^\s*import\s|require\(/m);
  });
});
