// Section 5: cold import of the built argil-client vs openapi-fetch alone, each in a fresh Node process.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { median, round } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
type Key = "argil" | "core" | "coreOneFile" | "openapiFetch";
/** Where the one-file build of the core goes: under node_modules, so its import of openapi-fetch resolves and no
 * linter or commit sees it. */
const oneFile = join(root, "node_modules", ".cache", "argil-bench", "client-one-file.mjs");

export interface ColdImportResult {
  runs: number;
  /**
   * Median time of the `import()` alone, measured inside the fresh process, in ms. Diagnostics: `core` and
   * `coreOneFile` are src/client.ts alone (no other exports of the entry point) bundled into one ESM file with
   * dependencies external; dist/ itself is bundled per entry since the build moved to esbuild, so the two agree.
   */
  importMs: Record<Key, number>;
  /** Median wall time of the whole process (Node start-up, import, exit), in ms. */
  processMs: Record<Key, number>;
  importRatio: number;
  coreRatio: number;
  coreOneFileRatio: number;
  processRatio: number;
}

// The package is imported by name from the repo root, which resolves to the built dist/ through "exports".
const script = (specifier: string) =>
  `const t = performance.now(); await import(${JSON.stringify(specifier)}); ` +
  "process.stdout.write(String(performance.now() - t));";

async function once(specifier: string): Promise<{ importMs: number; processMs: number }> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", script(specifier)],
    {
      cwd: root,
    },
  );
  return { importMs: Number(stdout), processMs: performance.now() - started };
}

export async function coldImport({ runs = 20 } = {}): Promise<ColdImportResult> {
  const specifiers: Record<Key, string> = {
    argil: "argil-client",
    core: "./node_modules/.cache/argil-bench/client-one-file.mjs",
    coreOneFile: "./node_modules/.cache/argil-bench/client-one-file.mjs",
    openapiFetch: "openapi-fetch",
  };
  await build({
    entryPoints: [join(root, "src", "client.ts")],
    outfile: oneFile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    packages: "external",
    logLevel: "warning",
  });
  const keys = Object.keys(specifiers) as Key[];
  const times = Object.fromEntries(keys.map((key) => [key, [] as { importMs: number; processMs: number }[]]));
  // The first read of the files from disk is not what a deployment's cold start pays.
  for (const key of keys) await once(specifiers[key]);
  for (let i = 0; i < runs; i++) {
    // Rotate which goes first so drift in the machine's load hits all alike.
    for (let j = 0; j < keys.length; j++) {
      const key = keys[(i + j) % keys.length] as Key;
      times[key]?.push(await once(specifiers[key]));
    }
  }
  const med = (field: "importMs" | "processMs") =>
    Object.fromEntries(
      keys.map((key) => [key, round(median((times[key] ?? []).map((t) => t[field])))]),
    ) as Record<Key, number>;
  const importMs = med("importMs");
  const processMs = med("processMs");
  return {
    runs,
    importMs,
    processMs,
    importRatio: round(importMs.argil / importMs.openapiFetch),
    coreRatio: round(importMs.core / importMs.openapiFetch),
    coreOneFileRatio: round(importMs.coreOneFile / importMs.openapiFetch),
    processRatio: round(processMs.argil / processMs.openapiFetch),
  };
}
