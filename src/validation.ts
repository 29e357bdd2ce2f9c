// Checks request and response bodies against the spec with the validators generated at codegen time.
// Opt-in: the core never imports this file, so the validators stay out of bundles that do not use them.
import {
  InvalidRequestError,
  type RequestViolation,
  type ResponseValidationContext,
  ResponseValidationError,
} from "./errors.js";
import { operationTable } from "./generated/operations.js";
import {
  type AlternativesHint,
  requestBodyValidators,
  responseBodyValidators,
  type SchemaError,
  type ValidatorEntry,
} from "./generated/validators.js";

const plural = (n: unknown, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const list = (values: readonly unknown[], joiner = ", ") =>
  values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(joiner);
const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

const COMPARISONS: Record<string, string> = {
  minimum: "at least",
  maximum: "at most",
  exclusiveMinimum: "greater than",
  exclusiveMaximum: "less than",
};

function violation(error: SchemaError): RequestViolation {
  const { instancePath: path, keyword, params: p } = error;
  switch (keyword) {
    case "required":
      return { path: `${path}/${p.missingProperty}`, message: "is required" };
    case "additionalProperties":
      return { path: `${path}/${p.additionalProperty}`, message: "is not a known property" };
    case "type":
      return { path, message: `must be ${String(p.type).split(",").map(article).join(" or ")}` };
    case "enum":
      return { path, message: `must be one of ${list(p.allowedValues as unknown[])}` };
    case "const":
      return { path, message: `must be ${list([p.allowedValue])}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { path, message: `must be ${COMPARISONS[keyword]} ${p.limit}` };
    case "minLength":
    case "maxLength":
      return {
        path,
        message: `must be ${keyword === "minLength" ? "at least" : "at most"} ${plural(p.limit, "character")} long`,
      };
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties": {
      const noun = keyword.endsWith("Items") ? "item" : "property";
      const word = p.limit === 1 || noun === "item" ? plural(p.limit, noun) : `${p.limit} properties`;
      return { path, message: `must have ${keyword.startsWith("min") ? "at least" : "at most"} ${word}` };
    }
    case "pattern":
      return { path, message: `must match the pattern ${p.pattern}` };
    case "format":
      return { path, message: `must be a valid ${p.format}` };
    case "discriminator":
      return p.error === "tag"
        ? { path: `${path}/${p.tag}`, message: "must be a string" }
        : {
            path: `${path}/${p.tag}`,
            message: `has a value the spec does not declare (${list([p.tagValue])})`,
          };
    default:
      return { path, message: `breaks the ${keyword} rule (${JSON.stringify(p)})` };
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const isAlternative = (e: SchemaError) => e.keyword === "oneOf" || e.keyword === "anyOf";
const within = (inner: SchemaError, outer: SchemaError) =>
  inner.schemaPath.startsWith(`${outer.schemaPath}/`) &&
  (inner.instancePath === outer.instancePath || inner.instancePath.startsWith(`${outer.instancePath}/`));
const sameProblem = (a: SchemaError, b: SchemaError) =>
  a.instancePath === b.instancePath &&
  a.keyword === b.keyword &&
  JSON.stringify(a.params) === JSON.stringify(b.params);

/**
 * One oneOf/anyOf that no branch (or, for oneOf, several branches) matched, summarised: the errors of the branch
 * the value was evidently meant for when that is clear, else one line naming the branches.
 */
function summarise(error: SchemaError, inner: SchemaError[], context: Context) {
  const hint: AlternativesHint | undefined = context.hints[error.schemaPath];
  const data = context.data;
  const path = error.instancePath;
  const labels = hint?.labels ?? [];
  const branches = labels.map((_, i) =>
    inner.filter((e) => e.schemaPath.startsWith(`${error.schemaPath}/${i}/`)),
  );
  const oneLine = (message: string, common: SchemaError[] = []) => [
    { path, message },
    ...describe(common, context),
  ];
  const commonTo = (groups: SchemaError[][]) =>
    (groups[0] ?? []).filter((e) => groups.every((group) => group.some((other) => sameProblem(e, other))));

  if (hint?.exclusive) {
    const value = valueAt(data, path);
    const present = hint.exclusive.filter(
      (key) => typeof value === "object" && value !== null && key in value,
    );
    const keyRule = (e: SchemaError) =>
      e.instancePath === path &&
      hint.exclusive?.includes(String(e.params.missingProperty ?? e.params.additionalProperty));
    if (present.length !== 1) {
      const common = commonTo(branches.map((group) => group.filter((e) => !keyRule(e))));
      return oneLine(`must have exactly one of ${list(hint.exclusive, " or ")}`, common);
    }
    const chosen = hint.exclusive.indexOf(present[0] as string);
    if (error.keyword === "anyOf" || error.params.passingSchemas == null)
      return describe(branches[chosen] ?? [], context);
  }
  const which = error.keyword === "oneOf" ? "exactly one" : "at least one";
  if (Array.isArray(error.params.passingSchemas)) {
    const passing = (error.params.passingSchemas as number[]).map((i) => labels[i] ?? `alternative ${i + 1}`);
    return oneLine(`must match ${which} of ${list(labels, " or ")}, but matches ${list(passing, " and ")}`);
  }
  // The branch with the fewest mismatches at the value's own level (wrong type, missing or unknown keys) wins.
  const mismatches = branches.map((group) => group.filter((e) => e.instancePath === path).length);
  const best = Math.min(...mismatches);
  const winners = mismatches.flatMap((count, i) => (count === best ? [i] : []));
  if (winners.length === 1) return describe(branches[winners[0] as number] ?? [], context);
  // Branches that are each an enum (say, a language or null) read best as one list of values.
  const enums = winners.map((i) => branches[i] ?? []);
  if (
    enums.every(
      (group) => group.length === 1 && group[0]?.keyword === "enum" && group[0].instancePath === path,
    )
  ) {
    return oneLine(
      `must be one of ${list(enums.flatMap((group) => group[0]?.params.allowedValues as unknown[]))}`,
    );
  }
  return oneLine(
    `must match ${which} of ${list(labels, " or ")}`,
    commonTo(winners.map((i) => branches[i] ?? [])),
  );
}

interface Context {
  data: unknown;
  hints: Readonly<Record<string, AlternativesHint>>;
}

function describe(errors: SchemaError[], context: Context): RequestViolation[] {
  const outer = errors.filter(
    (e) => isAlternative(e) && !errors.some((o) => o !== e && isAlternative(o) && within(e, o)),
  );
  const consumed = new Set<SchemaError>();
  const result: RequestViolation[] = [];
  // A value of the wrong type also breaks its enum, format or pattern; the type says it all.
  const mistyped = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  for (const error of errors) {
    if (consumed.has(error)) continue;
    const group = outer.find((o) => o === error || within(error, o));
    if (!group) {
      if (error.keyword !== "type" && mistyped.has(error.instancePath)) continue;
      result.push(violation(error));
      continue;
    }
    const inner = errors.filter((e) => e !== group && within(e, group));
    for (const e of [group, ...inner]) consumed.add(e);
    result.push(...summarise(group, inner, context));
  }
  // Several branches can report the same problem; list it once.
  return result.filter((v, i) => result.findIndex((w) => w.path === v.path && w.message === v.message) === i);
}

/** Every way `data` breaks the entry's schema, as readable violations with JSON paths; [] when it is valid. */
export function schemaViolations(entry: ValidatorEntry, data: unknown): RequestViolation[] {
  if (entry.validate(data)) return [];
  return describe(entry.validate.errors ?? [], { data, hints: entry.alternatives });
}

/** "/a must be x; /b is required", the first ten violations, for error messages. */
export function listViolations(violations: readonly RequestViolation[], root: string): string {
  const shown = violations.slice(0, 10).map((v) => `${v.path || root} ${v.message}`);
  return `${shown.join("; ")}${violations.length > 10 ? `; and ${violations.length - 10} more` : ""}`;
}

/**
 * Checks an operation's request body against the spec before anything is sent. A body left `undefined` is not
 * checked (whether one is required is the client's check).
 * @throws InvalidRequestError listing each violation with its JSON path (`/moments/0`, `/extras`).
 * @example validateRequest("webhooks.update", { events: [] }); // throws: /events must have at least 1 item
 */
export function validateRequest(operationId: string, body: unknown): void {
  if (!Object.hasOwn(operationTable, operationId)) {
    throw new InvalidRequestError(`${operationId} is not an operation of the spec; nothing was sent.`);
  }
  if (body === undefined) return;
  const entry = requestBodyValidators[operationId];
  if (!entry) {
    throw new InvalidRequestError(`${operationId} takes no request body; nothing was sent.`, [
      { path: "body", message: "is not accepted by this operation" },
    ]);
  }
  const violations = schemaViolations(entry, body);
  if (violations.length > 0) {
    throw new InvalidRequestError(
      `${operationId}: the request body does not match the spec (${entry.name}), nothing was sent: ${listViolations(violations, "the body")}`,
      violations,
    );
  }
}

/**
 * Checks a success response's JSON body against the schema the spec declares for its status (any declared
 * success schema when the status is not declared). Operations without a JSON success body are not checked.
 * @throws ResponseValidationError listing each violation with its JSON path.
 */
export function validateResponse(
  operationId: string,
  body: unknown,
  context: ResponseValidationContext,
): void {
  const byStatus = responseBodyValidators[operationId];
  if (!byStatus) return;
  const declared = byStatus[String(context.status)];
  const candidates = declared ? [declared] : [...new Set(Object.values(byStatus))];
  let first: RequestViolation[] | undefined;
  for (const entry of candidates) {
    const violations = schemaViolations(entry, body);
    if (violations.length === 0) return;
    first ??= violations;
  }
  if (first) throw new ResponseValidationError(operationId, context, first, body);
}

/** The validation functions as one object, for the client's `validation` option. */
export interface ArgilValidation {
  validateRequest(operationId: string, body: unknown): void;
  validateResponse(operationId: string, body: unknown, context: ResponseValidationContext): void;
}

/**
 * Request and response validation against the spec, generated at codegen time. Pass it to the client to turn
 * validation on; importing it is what brings the validators into a bundle.
 */
export const argilValidation: ArgilValidation = { validateRequest, validateResponse };
