// Emits the typed resource interfaces (argil.webhooks.update(...) and so on) with each operation's docs as JSDoc.
import { BANNER } from "./banner.js";
import { jsdoc } from "./emit-operations.js";
import type { OperationModel } from "./spec-model.js";

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export function resourceInterfaceName(resource: string): string {
  return `${pascal(resource)}Resource`;
}

function methodSignature(op: OperationModel): string {
  const id = JSON.stringify(op.operationId);
  const params = op.pathParams.map((name) => `${name}: OperationPathParams<${id}>[${JSON.stringify(name)}]`);
  if (op.body !== "none") params.push(`body${op.body === "optional" ? "?" : ""}: OperationBody<${id}>`);
  if (op.queryParams.length > 0) {
    const optional = op.queryParams.every((q) => !q.required);
    params.push(`query${optional ? "?" : ""}: OperationQuery<${id}>`);
  }
  params.push("options?: RequestOptions");
  const doc = jsdoc(
    [
      op.summary || op.operationId,
      ...(op.description && op.description !== op.summary ? ["", op.description] : []),
      ...(op.pagination
        ? ["", "Await it for one page, or iterate it with `for await` for every item across pages."]
        : []),
      "",
      `\`${op.method} ${op.path}\``,
    ],
    "  ",
  );
  const result = `OperationResult<${id}>`;
  const returns = op.pagination
    ? `PagePromise<${result}, ${op.pagination.items ? `NonNullable<${result}[${JSON.stringify(op.pagination.items)}]>` : result}[number]>`
    : `Promise<${result}>`;
  return `${doc}\n  ${op.action}(${params.join(", ")}): ${returns};`;
}

export function emitResources(operations: OperationModel[]): string {
  const byResource = new Map<string, OperationModel[]>();
  for (const op of operations) byResource.set(op.resource, [...(byResource.get(op.resource) ?? []), op]);
  const interfaces = [...byResource].map(
    ([resource, ops]) =>
      `/** The \`${resource}\` operations. */\nexport interface ${resourceInterfaceName(resource)} {\n${ops.map(methodSignature).join("\n")}\n}\n`,
  );
  const members = [...byResource.keys()].map(
    (resource) => `  readonly ${resource}: ${resourceInterfaceName(resource)};`,
  );
  return [
    BANNER,
    'import type { OperationBody, OperationPathParams, OperationQuery, OperationResult, RequestOptions } from "../operation-types.js";',
    'import type { PagePromise } from "../pagination.js";',
    "",
    ...interfaces,
    "/** One property per resource of the spec. */",
    "export interface ArgilResources {",
    ...members,
    "}",
    "",
  ].join("\n");
}
