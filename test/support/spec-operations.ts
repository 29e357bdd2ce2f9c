// The spec as contract tests see it: every operation with sample inputs and the schemas its answers must match.
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { deref, listOperations, loadSpec, type OperationModel } from "../../scripts/codegen/spec-model.js";
import { branchCount, type SampleMode, sampleFromSchema } from "./schema-samples.js";

type Json = Record<string, unknown>;

export const SPEC_PATH = fileURLToPath(new URL("../../openapi/argil.yaml", import.meta.url));
export const spec = loadSpec(SPEC_PATH);
export const operations: OperationModel[] = listOperations(spec);

function rawOperation(op: OperationModel): Json {
  return ((spec.paths as Json)[op.path] as Json)[op.method.toLowerCase()] as Json;
}

function parameters(op: OperationModel, location: string): Json[] {
  const item = (spec.paths as Json)[op.path] as Json;
  return [...((item.parameters ?? []) as Json[]), ...((rawOperation(op).parameters ?? []) as Json[])]
    .map((p) => deref(spec, p))
    .filter((p) => p.in === location);
}

function bodySchema(op: OperationModel): unknown {
  const body = deref(spec, rawOperation(op).requestBody as Json | undefined);
  const media = (body?.content as Json | undefined)?.["application/json"] as Json | undefined;
  return media?.schema;
}

/** How many distinct full-body samples the operation needs to visit every oneOf alternative. */
export function bodyVariants(op: OperationModel): number {
  const schema = bodySchema(op);
  return schema === undefined ? 1 : branchCount(spec, schema);
}

/**
 * The method arguments for one call, in the order the generated method takes them:
 * path parameters, then the body (if the operation has one), then the query (if it has one).
 * "required" passes only what the spec requires; "full" passes every documented field.
 */
export function sampleArguments(op: OperationModel, mode: SampleMode, branch = 0): unknown[] {
  const args: unknown[] = parameters(op, "path").length
    ? op.pathParams.map((name) => {
        const param = parameters(op, "path").find((p) => p.name === name);
        return sampleFromSchema(spec, param?.schema ?? { type: "string" }, "required");
      })
    : [];
  if (op.body !== "none") {
    const schema = bodySchema(op);
    args.push(
      mode === "full" || op.body === "required" ? sampleFromSchema(spec, schema, mode, branch) : undefined,
    );
  }
  if (op.queryParams.length > 0) {
    const query: Json = {};
    for (const param of parameters(op, "query")) {
      if (mode === "full" || param.required === true)
        query[param.name as string] = sampleFromSchema(spec, param.schema, "full");
    }
    args.push(query);
  }
  return args;
}

function responses(op: OperationModel): [string, Json][] {
  return Object.entries((rawOperation(op).responses ?? {}) as Json).map(([status, r]) => [
    status,
    deref(spec, r as Json),
  ]);
}

/** The error statuses an operation declares, with the example body the mock answers each with. */
export function declaredErrors(op: OperationModel): { status: number; example: Json | undefined }[] {
  return responses(op)
    .filter(([status]) => /^[45]\d\d$/.test(status))
    .map(([status, response]) => {
      const media = ((response.content ?? {}) as Json)["application/json"] as Json | undefined;
      return { status: Number(status), example: media?.example as Json | undefined };
    });
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();

/**
 * Prism's dynamic mode (json-schema-faker) ignores `maxProperties` on string maps such as `extras`, so about half
 * of its generated avatars and videos carry 11+ extras. Checks of generated bodies leave out that one keyword.
 */
export const MOCK_GENERATOR_DEFECTS = ["maxProperties"];

function without(node: unknown, keywords: string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => without(item, keywords));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !keywords.includes(key))
      .map(([key, value]) => [key, without(value, keywords)]),
  );
}

/**
 * A validator for the operation's success body (any declared 2xx JSON schema), or undefined when it has none.
 * `lenient` leaves out MOCK_GENERATOR_DEFECTS, for bodies the dynamic mock made up.
 */
export function successValidator(op: OperationModel, lenient = false): ValidateFunction | undefined {
  const key = `${op.operationId}:${lenient}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const schemas = responses(op)
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([, response]) => ((response.content ?? {}) as Json)["application/json"] as Json | undefined)
    .filter((media): media is Json => media !== undefined)
    .map((media) => media.schema);
  if (schemas.length === 0) return undefined;
  const schema = { anyOf: schemas, components: spec.components };
  const validate = ajv.compile((lenient ? without(schema, MOCK_GENERATOR_DEFECTS) : schema) as object);
  validators.set(key, validate);
  return validate;
}
