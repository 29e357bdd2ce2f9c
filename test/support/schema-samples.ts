// Builds request values from the spec's own schemas, so contract tests cover a new operation without a new test.
import { deref } from "../../scripts/codegen/spec-model.js";

type Json = Record<string, unknown>;
export type SampleMode = "required" | "full";

const UUID = "5b7c3c1e-8f0a-4d3b-9a61-2f4e6d8c0a1b";

function sampleString(schema: Json): string {
  if (schema.format === "uuid") return UUID;
  if (schema.format === "date-time") return "2026-01-01T00:00:00Z";
  const pattern = typeof schema.pattern === "string" ? schema.pattern : "";
  if (pattern.startsWith("^data:image/")) return "data:image/png;base64,iVBORw0KGgo=";
  if (pattern.startsWith("^https://") || schema.format === "uri") return "https://example.com/argil-contract";
  const min = typeof schema.minLength === "number" ? schema.minLength : 1;
  return "contract".padEnd(min, "x");
}

function sampleNumber(schema: Json): number {
  if (typeof schema.default === "number") return schema.default;
  if (typeof schema.minimum === "number") return schema.minimum;
  return 1;
}

/**
 * A value valid against `schema`. "required" fills only required properties; "full" fills every documented one.
 * `branch` picks which alternative of each oneOf/anyOf to take (clamped to the last).
 */
export function sampleFromSchema(spec: Json, node: unknown, mode: SampleMode, branch = 0): unknown {
  const schema = deref(spec, node as Json);
  if (schema.example !== undefined && mode === "required") return schema.example;
  const alternatives = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (alternatives)
    return sampleFromSchema(spec, alternatives[Math.min(branch, alternatives.length - 1)], mode, branch);
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((part) => sampleFromSchema(spec, part, mode, branch)));
  }
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case "string":
      return sampleString(schema);
    case "integer":
    case "number":
      return sampleNumber(schema);
    case "boolean":
      return true;
    case "array": {
      const items = deref(spec, schema.items as Json);
      // In full mode an enum array carries every value, so each one is checked by the mock.
      if (mode === "full" && Array.isArray(items.enum)) return [...items.enum];
      const count = Math.max(typeof schema.minItems === "number" ? schema.minItems : 0, 1);
      return Array.from({ length: count }, () => sampleFromSchema(spec, items, mode, branch));
    }
    default:
      return sampleObject(spec, schema, mode, branch);
  }
}

function sampleObject(spec: Json, schema: Json, mode: SampleMode, branch: number): Json {
  const required = new Set((schema.required ?? []) as string[]);
  const result: Json = {};
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Json)) {
    const resolved = deref(spec, property as Json);
    if (resolved.deprecated === true && !required.has(name)) continue;
    if (mode === "full" || required.has(name)) result[name] = sampleFromSchema(spec, property, mode, branch);
  }
  if (mode === "full" && typeof schema.additionalProperties === "object" && !schema.properties) {
    result.contract_key = sampleFromSchema(spec, schema.additionalProperties, mode, branch);
  }
  return result;
}

/** How many oneOf/anyOf alternatives the widest choice under `node` has (1 when there is none). */
export function branchCount(spec: Json, node: unknown, depth = 0): number {
  if (depth > 12 || node === null || typeof node !== "object") return 1;
  const schema = deref(spec, node as Json);
  const own = ((schema.oneOf ?? schema.anyOf) as unknown[] | undefined)?.length ?? 1;
  const children = [
    ...((schema.oneOf ?? schema.anyOf ?? schema.allOf ?? []) as unknown[]),
    ...Object.values((schema.properties ?? {}) as Json),
    ...(schema.items ? [schema.items] : []),
  ];
  return Math.max(own, ...children.map((child) => branchCount(spec, child, depth + 1)));
}
