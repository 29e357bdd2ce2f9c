// Proves openapi/argil.yaml contains the user's seed fragment unchanged, and checks the operation naming rules.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const load = (relative: string): Json =>
  parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as Json;
const spec = load("../../openapi/argil.yaml");
const fragment = load("../fixtures/webhooks-update.fragment.yaml");

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const escapePointer = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

function lookUp(root: Json, ref: string): Json {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: Json | undefined = root;
  for (const token of ref.slice(2).split("/")) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node;
}

/** Replaces every local `$ref` object by a copy of its target (OpenAPI 3.0 ignores a $ref's siblings). */
function resolveRefs(root: Json, node: Json = root, trail: readonly string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(root, item, trail));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === "string") {
    if (trail.includes(ref)) throw new Error(`cyclic $ref ${ref}`);
    return resolveRefs(root, lookUp(root, ref), [...trail, ref]);
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, resolveRefs(root, value, trail)]),
  );
}

/** Schemas and parameters must match exactly; anywhere else ours may carry extra keys. */
const entersExactZone = (parentPath: string, key: string) =>
  parentPath === "#/components/schemas" ||
  parentPath === "#/components/parameters" ||
  key === "schema" ||
  (key === "parameters" && parentPath !== "#/components");

/**
 * Lists where `actual` fails to contain `expected`: every key of `expected` must exist in `actual` with an
 * equal value, arrays must match element by element, and in exact zones no extra key is allowed.
 */
function differences(expected: Json, actual: Json | undefined, path = "#", exact = false): string[] {
  if (actual === undefined) return [`${path}: missing`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array`];
    if (actual.length !== expected.length) {
      return [`${path}: expected ${expected.length} items, found ${actual.length}`];
    }
    return expected.flatMap((item, index) => differences(item, actual[index], `${path}/${index}`, exact));
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${path}: expected an object`];
    const found = Object.entries(expected).flatMap(([key, value]) =>
      differences(value, actual[key], `${path}/${escapePointer(key)}`, exact || entersExactZone(path, key)),
    );
    const extra = exact ? Object.keys(actual).filter((key) => !(key in expected)) : [];
    return [...found, ...extra.map((key) => `${path}/${escapePointer(key)}: unexpected key`)];
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`];
}

const resolvedFragment = resolveRefs(fragment);
const mutated = (change: (copy: JsonObject) => void): Json => {
  const copy = structuredClone(spec) as JsonObject;
  change(copy);
  return resolveRefs(copy);
};
const schemaOf = (document: JsonObject, name: string) =>
  lookUp(document, `#/components/schemas/${name}`) as JsonObject;

describe("the seed fragment for PUT /webhooks/{id}", () => {
  it("is contained unchanged in openapi/argil.yaml after resolving refs", () => {
    expect(differences(resolvedFragment, resolveRefs(spec))).toEqual([]);
  });

  it("catches a removed minItems in a mutated copy of the spec", () => {
    const copy = mutated((document) => {
      delete schemaOf(document, "WebhookEventSchema").minItems;
    });
    const found = differences(resolvedFragment, copy);
    expect(found).toContain("#/components/schemas/WebhookEventSchema/minItems: missing");
    expect(found).toContain(
      "#/paths/~1webhooks~1{id}/put/requestBody/content/application~1json/schema/properties/events/minItems: missing",
    );
  });

  it("catches an extra required list on the request body schema", () => {
    const copy = mutated((document) => {
      schemaOf(document, "WebhookUpdateArgs").required = ["callbackUrl"];
    });
    expect(differences(resolvedFragment, copy)).toEqual([
      "#/paths/~1webhooks~1{id}/put/requestBody/content/application~1json/schema/required: unexpected key",
    ]);
  });

  it("catches a description added to a seed component schema", () => {
    const copy = mutated((document) => {
      schemaOf(document, "Error").description = "An error.";
    });
    expect(differences(resolvedFragment, copy)).toContain(
      "#/components/schemas/Error/description: unexpected key",
    );
  });

  it("catches a description added to the path parameter", () => {
    const copy = mutated((document) => {
      const parameters = lookUp(document, "#/paths/~1webhooks~1{id}/put/parameters") as JsonObject[];
      (parameters[0] as JsonObject).description = "The webhook's id.";
    });
    expect(differences(resolvedFragment, copy)).toEqual([
      "#/paths/~1webhooks~1{id}/put/parameters/0/description: unexpected key",
    ]);
  });

  it("catches a changed response description but allows extra responses", () => {
    const copy = mutated((document) => {
      const notFound = lookUp(document, "#/paths/~1webhooks~1{id}/put/responses/404") as JsonObject;
      notFound.description = "Not found";
    });
    expect(differences(resolvedFragment, copy)).toEqual([
      '#/paths/~1webhooks~1{id}/put/responses/404/description: expected "Webhook not found", found "Not found"',
    ]);
  });
});

const methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;
const operations = Object.entries((spec as JsonObject).paths as JsonObject).flatMap(([path, item]) =>
  methods.flatMap((method) => {
    const operation = (item as JsonObject)[method];
    return isObject(operation) ? [{ route: `${method.toUpperCase()} ${path}`, operation }] : [];
  }),
);

describe("the operations of openapi/argil.yaml", () => {
  it("number exactly 22", () => {
    expect(operations).toHaveLength(22);
  });

  it("each have a unique operationId of the form resource.action", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("each have exactly one tag, named after the operationId's resource", () => {
    for (const { route, operation } of operations) {
      const { tags, operationId } = operation;
      expect(tags, route).toHaveLength(1);
      expect(String(operationId).split(".")[0], route).toBe(String((tags as Json[])[0]).toLowerCase());
    }
  });

  it("each declare the shared 401, 429 and 500 responses", () => {
    for (const { route, operation } of operations) {
      const responses = operation.responses as JsonObject;
      expect(responses["401"], route).toEqual({ $ref: "#/components/responses/Unauthorized" });
      expect(responses["429"], route).toEqual({ $ref: "#/components/responses/RateLimited" });
      expect(responses["500"], route).toEqual({ $ref: "#/components/responses/ServerError" });
    }
  });
});
