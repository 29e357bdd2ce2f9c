// Builds `argil.<resource>.<action>()` for every entry of the generated operation table; nothing per operation here.
import type { Client } from "openapi-fetch";
import { callOperation, sendOperation } from "./call-operation.js";
import type { paths } from "./generated/openapi.js";
import { operationTable } from "./generated/operations.js";
import type { ArgilResources } from "./generated/resources.js";
import type { OperationSpec } from "./operation-spec.js";
import { PagePromise } from "./pagination.js";
import { scrubSecret } from "./scrub-secret.js";

type Method = (...args: unknown[]) => unknown;
type ResourceMethods = Record<string, Record<string, Method>>;

function method(client: Client<paths>, operationId: string, spec: OperationSpec, secret: string): Method {
  const fail = (error: unknown): never => {
    throw scrubSecret(error, secret);
  };
  const { pagination } = spec;
  if (!pagination) return (...args) => callOperation(client, operationId, spec, args).catch(fail);
  // A paginated list's query sits after its path parameters; each page re-sends it with the next page number.
  const queryIndex = spec.pathParams.length + (spec.body === "none" ? 0 : 1);
  return (...args) => {
    const fetchPage = (query?: Record<string, unknown>) => {
      const pageArgs = [...args];
      if (query !== undefined) pageArgs[queryIndex] = query;
      return sendOperation(client, operationId, spec, pageArgs).then(
        ({ data, response, url }) => ({
          body: data,
          headers: response.headers,
          source: {
            operationId,
            status: response.status,
            method: spec.method,
            path: spec.path,
            url,
          },
        }),
        fail,
      );
    };
    return new PagePromise(
      pagination,
      args[queryIndex] as Record<string, unknown> | undefined,
      fetchPage,
      fail,
    );
  };
}

/**
 * One method per operation, grouped by the resource half of its `resource.action` operationId. Errors leave with
 * `secret` (the API key) scrubbed from them, in case a server or proxy echoed it back.
 */
export function buildResources(
  client: Client<paths>,
  secret: string,
  table: Record<string, OperationSpec> = operationTable,
): ArgilResources {
  const resources: ResourceMethods = {};
  for (const [operationId, spec] of Object.entries(table)) {
    const [resource, action] = operationId.split(".") as [string, string];
    resources[resource] ??= {};
    resources[resource][action] = method(client, operationId, spec, secret);
  }
  return resources as unknown as ArgilResources;
}
