// What every contract test needs: a client pointed at the Prism mock that remembers what Prism said about requests.
import { Argil, type ClientOptions, ResponseValidationError } from "argil-client";
import { type ArgilValidation, argilValidation } from "argil-client/validation";
import { inject } from "vitest";
import type { OperationModel } from "../../scripts/codegen/spec-model.js";

export const CONTRACT_KEY = "sk_contract_0123456789";

export interface MockClient {
  argil: Argil;
  /** The request violations Prism reported for every answer it gave (undefined when there were none). */
  violations: (string | undefined)[];
  statuses: number[];
}

/** A client against the static (examples) mock, or the dynamic (schema-generated) one. */
export function mockClient(kind: "static" | "dynamic" = "static", options: ClientOptions = {}): MockClient {
  const violations: (string | undefined)[] = [];
  const statuses: number[] = [];
  const baseUrl = inject(kind === "static" ? "mockBaseUrl" : "mockDynamicBaseUrl");
  const argil = new Argil({
    apiKey: CONTRACT_KEY,
    // Forced error statuses would otherwise be retried with backoff; retries have their own tests.
    maxRetries: 0,
    baseUrl,
    fetch: async (url, init) => {
      const response = await (options.fetch ?? fetch)(url, init);
      violations.push(requestViolations(response.headers.get("sl-violations")));
      statuses.push(response.status);
      return response;
    },
    ...(options.headers ? { headers: options.headers } : {}),
    // Our generated validators check what we send and, on both mocks, every JSON body that comes back.
    validation: kind === "static" ? argilValidation : tolerantOfMockDefects,
    validateResponses: true,
    ...(options.validateRequests === false ? { validateRequests: false } : {}),
  });
  return { argil, violations, statuses };
}

/**
 * The generated validators, less the one rule Prism's dynamic mode is known to break in the bodies it makes up
 * (see MOCK_GENERATOR_DEFECTS): `extras` with more than 10 properties.
 */
const tolerantOfMockDefects: ArgilValidation = {
  validateRequest: argilValidation.validateRequest,
  validateResponse(operationId, body, context) {
    try {
      argilValidation.validateResponse(operationId, body, context);
    } catch (error) {
      const defects = (error as ResponseValidationError).violations ?? [];
      if (
        !(error instanceof ResponseValidationError) ||
        !defects.every((v) => /at most 10 propert/.test(v.message))
      ) {
        throw error;
      }
    }
  },
};

/**
 * The part of Prism's `sl-violations` header about the request. Violations located in the response are about
 * bodies Prism generated itself; the tests check those shapes with their own validator.
 */
export function requestViolations(header: string | null): string | undefined {
  if (!header) return undefined;
  const all = JSON.parse(header) as { location?: string[] }[];
  const ofRequest = all.filter((violation) => violation.location?.[0] !== "response");
  return ofRequest.length > 0 ? JSON.stringify(ofRequest) : undefined;
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/** Calls the generated method for an operation with positional arguments (and optional request options). */
export function callMethod(
  argil: Argil,
  op: OperationModel,
  args: unknown[],
  options?: object,
): Promise<unknown> {
  const resource = (argil as unknown as Record<string, Record<string, AnyMethod>>)[op.resource];
  const method = resource?.[op.action];
  if (!method) throw new Error(`argil.${op.resource}.${op.action} does not exist: regenerate the client`);
  const padded = [...args];
  if (options) {
    // Options go after every positional slot, even optional ones left out.
    const slots = op.pathParams.length + (op.body === "none" ? 0 : 1) + (op.queryParams.length > 0 ? 1 : 0);
    while (padded.length < slots) padded.push(undefined);
    padded.push(options);
  }
  return method(...padded);
}

export const label = (op: OperationModel) => `${op.operationId} (${op.method} ${op.path})`;
