/** Vitest globalSetup for the contract tests: one static and one dynamic Prism mock of openapi/argil.yaml. */
import { type MockServer, startMockServer } from "argil-client/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of a Prism mock that answers with the spec's examples. */
    mockBaseUrl: string;
    /** Base URL of a Prism mock that generates bodies from the spec's schemas (`--dynamic`). */
    mockDynamicBaseUrl: string;
  }
}

/** Starts both mocks, provides their base URLs to the tests (`inject("mockBaseUrl")`) and stops them after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await Promise.allSettled([startMockServer(), startMockServer({ dynamic: true })]);
  const servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const closeAll = async () => {
    await Promise.all(servers.map((server: MockServer) => server.close()));
  };
  const [mock, dynamic] = servers;
  if (!mock || !dynamic) {
    await closeAll();
    throw started.find((result) => result.status === "rejected")?.reason;
  }
  project.provide("mockBaseUrl", mock.baseUrl);
  project.provide("mockDynamicBaseUrl", dynamic.baseUrl);
  return closeAll;
}
