// Builds `argil.<resource>.<action>()` for every entry of the generated operation table; nothing per operation here.
import type { Client } from "openapi-fetch";
import { callOperation } from "./call-operation.js";
import type { paths } from "./generated/openapi.js";
import { operationTable } from "./generated/operations.js";
import type { ArgilResources } from "./generated/resources.js";
import type { OperationSpec } from "./operation-spec.js";

type ResourceMethods = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;

/** One method per operation, grouped by the resource half of its `resource.action` operationId. */
export function buildResources(
  client: Client<paths>,
  table: Record<string, OperationSpec> = operationTable,
): ArgilResources {
  const resources: ResourceMethods = {};
  for (const [operationId, spec] of Object.entries(table)) {
    const [resource, action] = operationId.split(".") as [string, string];
    resources[resource] ??= {};
    resources[resource][action] = (...args) => callOperation(client, operationId, spec, args);
  }
  return resources as unknown as ArgilResources;
}
