// Emits src/generated/validators.ts: Ajv standalone validators for every request body, success body and webhook
// payload of the spec, compiled here so nothing compiles a schema at run time and the output needs no `ajv`.
import { Ajv, type Options } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { fastFormats, fullFormats } from "ajv-formats/dist/formats.js";
import { BANNER } from "./banner.js";
import { deref, type OperationModel } from "./spec-model.js";

type Json = Record<string, unknown>;

// Annotations carry no validation meaning; dropping them keeps the schema constants in the output small.
const ANNOTATIONS = new Set([
  "description",
  "title",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
]);

// Regex formats inline into the generated code; a format given as a function would need ajv-formats at run time.
const FORMATS: Record<string, RegExp> = {
  uuid: fullFormats.uuid as RegExp,
  "date-time": (fastFormats["date-time"] as { validate: RegExp }).validate,
  uri: fastFormats.uri as RegExp,
};
// Number formats become bounds, which Ajv checks natively.
const NUMBER_FORMATS: Record<string, { minimum: number; maximum: number }> = {
  int32: { minimum: -2147483648, maximum: 2147483647 },
};

/** A oneOf/anyOf of a root schema, by Ajv schemaPath: what its branches are called, for readable messages. */
export interface AlternativesHint {
  labels: string[];
  /** When each branch is a closed object told apart by one required key of its own: those keys. */
  exclusive?: string[];
}

interface Root {
  /** Identifier of the root validator in the generated code. */
  name: string;
  schema: Json;
  alternatives: Record<string, AlternativesHint>;
}

const escapeSegment = (segment: string) =>
  encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1"));

const refName = (ref: string) => ref.replace("#/components/schemas/", "");

/**
 * Turns spec schemas into Ajv input. `$ref`s are inlined where a oneOf/anyOf sits below them or where they sit
 * inside one, so the schemaPath of every alternative and of every error inside it is unique within its root;
 * the other `$ref`s stay shared definitions.
 */
class SchemaPreparer {
  readonly definitions = new Map<string, Json>();
  private readonly hasAlternatives = new Map<string, boolean>();

  constructor(private readonly spec: Json) {}

  private containsAlternatives(node: unknown, seen = new Set<string>()): boolean {
    if (Array.isArray(node)) return node.some((item) => this.containsAlternatives(item, seen));
    if (node === null || typeof node !== "object") return false;
    const record = node as Json;
    if (typeof record.$ref === "string") {
      const name = refName(record.$ref);
      const cached = this.hasAlternatives.get(name);
      if (cached !== undefined) return cached;
      if (seen.has(name)) return false;
      seen.add(name);
      const result = this.containsAlternatives(deref(this.spec, record), seen);
      this.hasAlternatives.set(name, result);
      return result;
    }
    if ("oneOf" in record || "anyOf" in record) return true;
    return Object.values(record).some((value) => this.containsAlternatives(value, seen));
  }

  prepare(node: unknown, path: string, inAlternative: boolean, root: Root): unknown {
    if (Array.isArray(node))
      return node.map((item, i) => this.prepare(item, `${path}/${i}`, inAlternative, root));
    if (node === null || typeof node !== "object") return node;
    const record = node as Json;
    if (typeof record.$ref === "string") {
      if (!record.$ref.startsWith("#/components/schemas/"))
        throw new Error(`Unsupported $ref ${record.$ref}`);
      const target = deref(this.spec, record);
      if (inAlternative || this.containsAlternatives(record))
        return this.prepare(target, path, inAlternative, root);
      const name = refName(record.$ref);
      if (!this.definitions.has(name)) {
        this.definitions.set(name, {}); // placeholder: stops a cycle
        this.definitions.set(name, this.prepare(target, "#", false, root) as Json);
      }
      return { $ref: `#/definitions/${name}` };
    }
    const out: Json = {};
    for (const [key, value] of Object.entries(record)) {
      if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
      const childPath = `${path}/${escapeSegment(key)}`;
      if (key === "format" && typeof value === "string") {
        const bounds = NUMBER_FORMATS[value];
        if (bounds) Object.assign(out, bounds);
        else if (FORMATS[value]) out.format = value;
        else throw new Error(`Format "${value}" has no validator: add it to FORMATS in emit-validators.ts`);
      } else if (key === "discriminator") {
        // Ajv rejects `mapping`; the spec's mapping only repeats what each branch's enum already says.
        out.discriminator = { propertyName: (value as Json).propertyName };
        out.type ??= "object";
      } else if (key === "oneOf" || key === "anyOf") {
        root.alternatives[childPath] = this.hint(value as Json[]);
        out[key] = this.prepare(value, childPath, true, root);
      } else if (key === "properties" || key === "patternProperties") {
        out[key] = Object.fromEntries(
          Object.entries(value as Json).map(([name, sub]) => [
            name,
            this.prepare(sub, `${childPath}/${escapeSegment(name)}`, inAlternative, root),
          ]),
        );
      } else {
        out[key] = this.prepare(value, childPath, inAlternative, root);
      }
    }
    return out;
  }

  private hint(branches: Json[]): AlternativesHint {
    const labels = branches.map((branch, i) => {
      if (typeof branch.$ref === "string") return refName(branch.$ref);
      if (branch.nullable === true && Array.isArray(branch.enum) && branch.enum.every((v) => v === null))
        return "null";
      return typeof branch.type === "string" ? branch.type : `alternative ${i + 1}`;
    });
    const resolved = branches.map((branch) => deref(this.spec, branch));
    const closed = resolved.every(
      (b) => b.additionalProperties === false && typeof b.properties === "object",
    );
    if (!closed) return { labels };
    const exclusive = resolved.map((branch, i) =>
      ((branch.required ?? []) as string[]).filter((key) =>
        resolved.every((other, j) => j === i || !(key in (other.properties as Json))),
      ),
    );
    return exclusive.every((keys) => keys.length === 1)
      ? { labels, exclusive: exclusive.flat() }
      : { labels };
  }
}

function jsonSchemaOf(content: unknown): Json | undefined {
  const media = (content as Json | undefined)?.["application/json"] as Json | undefined;
  return media?.schema as Json | undefined;
}

function rawOperation(spec: Json, op: OperationModel): Json {
  return ((spec.paths as Json)[op.path] as Json)[op.method.toLowerCase()] as Json;
}

/** A readable identifier for a root schema: its component name, `ArrayOf<Name>`, else the fallback. */
function rootName(schema: Json, fallback: string): string {
  if (typeof schema.$ref === "string") return refName(schema.$ref);
  const items = schema.items as Json | undefined;
  if (schema.type === "array" && typeof items?.$ref === "string") return `ArrayOf${refName(items.$ref)}`;
  return fallback.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase());
}

/** The component schemas a webhook delivery may carry: each x-webhooks body and the branches of its oneOf. */
function webhookSchemaNames(spec: Json): string[] {
  const names: string[] = [];
  for (const item of Object.values((spec["x-webhooks"] ?? {}) as Json)) {
    for (const op of Object.values(item as Json)) {
      const schema = jsonSchemaOf(deref(spec, (op as Json).requestBody as Json)?.content);
      if (typeof schema?.$ref !== "string") continue;
      names.push(refName(schema.$ref));
      for (const branch of (deref(spec, schema).oneOf ?? []) as Json[])
        if (typeof branch.$ref === "string") names.push(refName(branch.$ref));
    }
  }
  return [...new Set(names)];
}

/** The `event` values of the webhook union's branches, from each branch's one-value enum. */
function webhookEventNames(spec: Json, unionName: string | undefined): string[] {
  if (!unionName) return [];
  const union = deref<Json>(spec, { $ref: `#/components/schemas/${unionName}` });
  const tag = (union.discriminator as Json | undefined)?.propertyName as string | undefined;
  if (!tag) return [];
  return ((union.oneOf ?? []) as Json[]).flatMap((branch) => {
    const property = (deref(spec, branch).properties as Json | undefined)?.[tag] as Json | undefined;
    return (property?.enum ?? []) as string[];
  });
}

// Ajv's standalone output may import these runtime helpers; each is replaced by an inline copy so the
// generated file imports nothing.
const RUNTIME_HELPERS: Record<string, string> = {
  'require("ajv/dist/runtime/ucs2length").default': [
    "function ucs2length(str) {",
    "  // Counts code points, not UTF-16 units, as JSON Schema's minLength/maxLength require.",
    "  let length = 0;",
    "  for (let pos = 0; pos < str.length; length++) {",
    "    const value = str.charCodeAt(pos++);",
    "    if (value >= 0xd800 && value <= 0xdbff && pos < str.length && (str.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;",
    "  }",
    "  return length;",
    "}",
  ].join("\n"),
};

function inlineRuntimeHelpers(code: string): { code: string; helpers: string[] } {
  const helpers: string[] = [];
  const replaced = code.replace(
    /const (\w+) = (require\("[^"]+"\)(?:\.\w+)?);/g,
    (_, local: string, expr: string) => {
      const helper = RUNTIME_HELPERS[expr];
      if (!helper) throw new Error(`Ajv output needs ${expr}: add an inline copy to RUNTIME_HELPERS`);
      const fn = /^function (\w+)/.exec(helper)?.[1] as string;
      if (!helpers.includes(helper)) helpers.push(helper);
      return `const ${local} = ${fn};`;
    },
  );
  if (/\brequire\(|^import /m.test(replaced)) throw new Error("Ajv output still imports a module");
  return { code: replaced, helpers };
}

const AJV_OPTIONS: Options = {
  allErrors: true,
  discriminator: true,
  strict: true,
  // Messages are written by src/validation.ts from keyword and params: more readable, and a tenth smaller.
  messages: false,
  code: { source: true, esm: true, lines: true },
};

const TYPES = `/** One problem a validator found, in Ajv's shape. */
export interface SchemaError {
  /** JSON Pointer to the offending value, "" for the root. */
  instancePath: string;
  /** Where the broken rule sits in the root schema, like "#/properties/moments/items/oneOf". */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Where a root schema has a oneOf/anyOf, and what its branches are called. */
export interface AlternativesHint {
  readonly labels: readonly string[];
  /** When each branch is a closed object told apart by one required key of its own: those keys. */
  readonly exclusive?: readonly string[];
}

/** A compiled validator: true when \`data\` is valid, else false with the problems in \`validate.errors\`. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** A validator with the oneOf/anyOf hints of its schema, keyed by schemaPath. */
export interface ValidatorEntry {
  readonly name: string;
  readonly validate: SchemaValidator;
  readonly alternatives: Readonly<Record<string, AlternativesHint>>;
}
`;

export function emitValidators(spec: Json, operations: OperationModel[]): string {
  const preparer = new SchemaPreparer(spec);
  const roots = new Map<string, Root>();
  const byText = new Map<string, Root>();

  const addRoot = (schema: Json, fallback: string): Root => {
    const text = JSON.stringify(schema);
    const existing = byText.get(text);
    if (existing) return existing;
    let name = rootName(schema, fallback);
    while (roots.has(name)) name = `${name}_`;
    const root: Root = { name, schema: {}, alternatives: {} };
    root.schema = preparer.prepare(schema, "#", false, root) as Json;
    roots.set(name, root);
    byText.set(text, root);
    return root;
  };

  const requests: [string, Root][] = [];
  const responses: [string, [string, Root][]][] = [];
  for (const op of operations) {
    const raw = rawOperation(spec, op);
    const body = jsonSchemaOf(deref(spec, raw.requestBody as Json | undefined)?.content);
    if (body) requests.push([op.operationId, addRoot(body, `${op.operationId} request`)]);
    const statuses: [string, Root][] = [];
    for (const [status, response] of Object.entries((raw.responses ?? {}) as Json)) {
      if (!/^2\d\d$/.test(status)) continue;
      const schema = jsonSchemaOf(deref(spec, response as Json).content);
      if (schema) statuses.push([status, addRoot(schema, `${op.operationId} ${status}`)]);
    }
    if (statuses.length > 0) responses.push([op.operationId, statuses]);
  }
  const webhookNames = webhookSchemaNames(spec);
  const webhookRoots = webhookNames.map(
    (name) => [name, addRoot({ $ref: `#/components/schemas/${name}` }, name)] as const,
  );

  const ajv = new Ajv(AJV_OPTIONS);
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  const document = {
    $id: "argil",
    definitions: Object.fromEntries(preparer.definitions),
    $defs: Object.fromEntries([...roots].map(([name, root]) => [name, root.schema])),
  };
  ajv.addSchema(document);
  const refs = Object.fromEntries([...roots.keys()].map((name) => [name, `argil#/$defs/${name}`]));
  const standalone = standaloneCode.default(ajv, refs).replace(/^"use strict";\n/, "");
  // Ajv puts `export const Name = validateN;` first; those become the typed entries at the end instead.
  const exported = new Map<string, string>();
  const body = standalone.replace(
    /^export const (\w+) = (\w+);\n/gm,
    (_: string, name: string, fn: string) => {
      exported.set(name, fn);
      return "";
    },
  );
  const { code, helpers } = inlineRuntimeHelpers(body);

  // One const per root, so a bundler keeps only the validators a program reaches (webhooks need 1 of 30).
  const entry = (root: Root) => `${root.name}Entry`;
  const entries = [...roots.values()].map((root) => {
    const fn = exported.get(root.name);
    if (!fn) throw new Error(`Ajv did not export ${root.name}`);
    return `const ${entry(root)}: ValidatorEntry = { name: ${JSON.stringify(root.name)}, validate: ${fn}, alternatives: ${JSON.stringify(root.alternatives)} };`;
  });
  const eventNames = webhookEventNames(spec, webhookNames[0]);
  return [
    BANNER.trimEnd(),
    "// @ts-nocheck: Ajv standalone code, not typed; the exports at the end carry the types.",
    "",
    TYPES,
    ...helpers,
    code.trim(),
    "",
    ...entries,
    "",
    "/** The request body validator of every operation that takes a JSON body, by operationId. */",
    "export const requestBodyValidators: Readonly<Record<string, ValidatorEntry>> = {",
    ...requests.map(([id, root]) => `  ${JSON.stringify(id)}: ${entry(root)},`),
    "};",
    "",
    "/** The success body validators of every operation with a JSON success body, by operationId and status. */",
    "export const responseBodyValidators: Readonly<Record<string, Readonly<Record<string, ValidatorEntry>>>> = {",
    ...responses.map(
      ([id, statuses]) =>
        `  ${JSON.stringify(id)}: { ${statuses.map(([status, root]) => `${JSON.stringify(status)}: ${entry(root)}`).join(", ")} },`,
    ),
    "};",
    "",
    "/** Validators of the webhook payload schemas, by component name. */",
    `export const webhookSchemaValidators: Readonly<Record<${webhookNames.map((n) => JSON.stringify(n)).join(" | ") || "string"}, ValidatorEntry>> = {`,
    ...webhookRoots.map(([name, root]) => `  ${name}: ${entry(root)},`),
    "};",
    "",
    "/** The `event` names the spec's webhook payloads declare. */",
    `export const webhookEventNames: readonly string[] = ${JSON.stringify(eventNames)};`,
    "",
  ].join("\n");
}
