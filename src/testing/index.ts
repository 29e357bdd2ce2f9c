/** `argil-client/testing`: helpers for testing code that uses argil-client against a local Prism mock. */
export type { MockServer, MockServerOptions } from "./mock-server.js";
export { startMockServer } from "./mock-server.js";
