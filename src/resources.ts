// Builds `argil.<resource>.<action>()` for every entry of the generated operation table; nothing per operation here.
import type { Client } from "openapi-fetch";
import { callOperation } from "./call-operation.js";
import type { paths } from "./generated/openapi.js";
import { operationTable } from "./generated/operations.js";
import type { ArgilResources } from "./generated/resources.js";

export function buildResources(client: Client<paths>): ArgilResources {
  const resources: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [operationId, spec] of Object.entries(operationTable)) {
    const [resource, action] = operationId.split(".") as [string, string];
    resources[resource] ??= {};
    resources[resource][action] = (...args) => callOperation(client, operationId, spec, args);
  }
  return resources as unknown as ArgilResources;
}
