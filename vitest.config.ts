import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests import the package by its public names, resolved to the sources so no build is needed.
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "argil-client/testing": source("./src/testing/index.ts"),
      "argil-client/webhooks": source("./src/webhooks/index.ts"),
      "argil-client/validation": source("./src/validation.ts"),
      "argil-client": source("./src/index.ts"),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    globalSetup: ["test/contract/global-setup.ts"],
    // .ci/run reads the counts from this file to print its plain "N passed, N failed" line.
    reporters: process.env.ARGIL_TEST_RESULTS
      ? ["default", ["json", { outputFile: process.env.ARGIL_TEST_RESULTS }]]
      : ["default"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
