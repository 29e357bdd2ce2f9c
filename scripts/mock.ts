/**
 * `npm run mock`: serves openapi/argil.yaml with Prism on 127.0.0.1 until Ctrl-C.
 * Flags: `--port N` (else env PORT, else 4010), `--dynamic` (bodies from schemas), `--spec PATH`.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type MockServer, startMockServer } from "../src/testing/index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    dynamic: { type: "boolean", short: "d", default: false },
    spec: { type: "string", default: fileURLToPath(new URL("../openapi/argil.yaml", import.meta.url)) },
  },
});
const raw = values.port ?? process.env.PORT ?? "4010";
const port = Number(raw);
if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
  console.error(`mock: the port must be an integer from 1 to 65535, got "${raw}"`);
  process.exit(2);
}

let stopping = false;
let server: Promise<MockServer> | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopping = true;
    // A start still in progress is awaited so the Prism it spawns is stopped too.
    void server?.then((mock) => mock.close()).catch(() => {});
  });
}
// The running Prism is all that keeps this process alive, so an empty event loop means it is gone.
process.once("beforeExit", () => {
  if (stopping) return;
  console.error("mock: Prism stopped unexpectedly");
  process.exitCode = 1;
});

server = startMockServer({ specPath: values.spec, port, dynamic: values.dynamic });
try {
  const { baseUrl } = await server;
  if (!stopping) {
    const mode = values.dynamic ? "dynamic" : "static";
    console.log(`Argil mock (Prism, ${mode}) serving ${relative(process.cwd(), values.spec)} at ${baseUrl}`);
    console.log(`Point the client at it:  ARGIL_BASE_URL=${baseUrl} ARGIL_API_KEY=any <your command>`);
    console.log("Press Ctrl-C to stop.");
  }
} catch (error) {
  console.error(`mock: ${error instanceof Error ? error.message : String(error)}`);
  stopping = true;
  process.exitCode = 1;
}
