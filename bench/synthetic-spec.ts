// Writes a synthetic spec N times the size of openapi/argil.yaml: every path, operation, tag and component is
// cloned N-1 times under suffixed names, with the clones' $refs pointing at their own copies.
import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";

type Json = Record<string, unknown>;

/** 1 → "A", 26 → "Z", 27 → "AA": operationIds and resource names may hold letters only. */
function letters(n: number): string {
  let out = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** Deep-copies a node, renaming `#/components/<kind>/<Name>` references to the suffixed copy. */
function cloneWithRefs(node: unknown, suffix: string): unknown {
  if (Array.isArray(node)) return node.map((item) => cloneWithRefs(item, suffix));
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/components/")
        ? `${value}${suffix}`
        : cloneWithRefs(value, suffix);
  }
  return out;
}

/** The spec `factor` times over; factor 1 returns it unchanged. */
export function syntheticSpec(spec: Json, factor: number): Json {
  const out = structuredClone(spec);
  const paths = out.paths as Json;
  const components = out.components as Record<string, Json>;
  const tags = (out.tags as { name: string }[] | undefined) ?? [];
  const originalPaths = Object.entries(spec.paths as Json);
  const originalComponents = Object.entries(spec.components as Record<string, Json>);
  const originalTags = [...tags];
  for (let copy = 1; copy < factor; copy++) {
    const suffix = `Copy${letters(copy)}`;
    for (const [path, item] of originalPaths) {
      const clone = cloneWithRefs(item, suffix) as Record<string, Json>;
      for (const operation of Object.values(clone)) {
        if (typeof operation?.operationId !== "string") continue;
        const [resource, action] = operation.operationId.split(".");
        operation.operationId = `${resource}${suffix}.${action}`;
        if (Array.isArray(operation.tags)) operation.tags = operation.tags.map((tag) => `${tag}${suffix}`);
      }
      paths[`/${suffix.toLowerCase()}${path}`] = clone;
    }
    for (const [kind, entries] of originalComponents) {
      for (const [name, value] of Object.entries(entries)) {
        (components[kind] as Json)[`${name}${suffix}`] = cloneWithRefs(value, suffix);
      }
    }
    for (const tag of originalTags) tags.push({ ...tag, name: `${tag.name}${suffix}` });
  }
  return out;
}

/** Writes `syntheticSpec` of the YAML at `from` to `to`, returning its operation count. */
export function writeSyntheticSpec(from: string, to: string, factor: number): number {
  const spec = syntheticSpec(parse(readFileSync(from, "utf8")) as Json, factor);
  writeFileSync(to, stringify(spec, { aliasDuplicateObjects: false }));
  return Object.values(spec.paths as Record<string, Json>).reduce(
    (count, item) =>
      count + Object.values(item).filter((op) => typeof (op as Json)?.operationId === "string").length,
    0,
  );
}
