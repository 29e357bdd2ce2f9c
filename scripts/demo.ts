// `npm run demo`: starts the mock from openapi/argil.yaml, runs examples/quickstart.ts against it, stops the mock.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startMockServer } from "../src/testing/index.js";

const quickstart = fileURLToPath(new URL("../examples/quickstart.ts", import.meta.url));

const mock = await startMockServer();
console.log(`Mock Argil API (Prism) listening on ${mock.baseUrl}`);
console.log(
  "The mock checks every request against openapi/argil.yaml and answers with the spec's examples,\n" +
    "so the values printed below are those examples, not an echo of what the demo sent.",
);
let exitCode = 1;
try {
  exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", quickstart], {
      stdio: "inherit",
      env: { ...process.env, ARGIL_BASE_URL: mock.baseUrl, ARGIL_API_KEY: "sk_demo_mock_key" },
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await mock.close();
  console.log("Mock stopped.");
}
process.exitCode = exitCode;
