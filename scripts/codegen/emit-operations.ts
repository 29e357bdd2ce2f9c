// Emits the runtime operation table: the little the client needs at run time to turn a method call into a request.
import { BANNER } from "./banner.js";
import type { OperationModel } from "./spec-model.js";

/** Text for a JSDoc block, with the comment terminator neutralised. */
export function jsdoc(lines: string[], indent: string): string {
  const body = lines
    .flatMap((line) => line.split("\n"))
    .map((line) => line.replaceAll("*/", "*\\/").trimEnd());
  return [
    `${indent}/**`,
    ...body.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)),
    `${indent} */`,
  ].join("\n");
}

export function emitOperations(operations: OperationModel[], serverUrl: string): string {
  const entries = operations.map((op) => {
    const fields = [
      `method: ${JSON.stringify(op.method)}`,
      `path: ${JSON.stringify(op.path)}`,
      `pathParams: ${JSON.stringify(op.pathParams)}`,
      `query: ${op.queryParams.length > 0}`,
      `body: ${JSON.stringify(op.body)}`,
      `response: ${JSON.stringify(op.response)}`,
      ...(op.pagination ? [`pagination: ${JSON.stringify(op.pagination)}`] : []),
    ];
    const doc = jsdoc([op.summary || op.operationId, "", `\`${op.method} ${op.path}\``], "  ");
    return `${doc}\n  ${JSON.stringify(op.operationId)}: { ${fields.join(", ")} },`;
  });
  return [
    BANNER,
    'import type { OperationSpec } from "../operation-spec.js";',
    "",
    "/** The spec's first server: where requests go unless `baseUrl` says otherwise. */",
    `export const defaultBaseUrl = ${JSON.stringify(serverUrl)};`,
    "",
    "/** Every operation of the spec, keyed by operationId. */",
    "export const operationTable = {",
    ...entries,
    "} as const satisfies Record<string, OperationSpec>;",
    "",
  ].join("\n");
}
