// `npm run generate` writes src/generated/ from openapi/argil.yaml; `--check` only compares and names stale files.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { emitOperations } from "./codegen/emit-operations.js";
import { emitResources } from "./codegen/emit-resources.js";
import { emitTypes } from "./codegen/emit-types.js";
import { emitValidators } from "./codegen/emit-validators.js";
import { listOperations, loadSpec } from "./codegen/spec-model.js";

/** Renders every generated file in memory, keyed by file name. */
export async function renderGenerated(specPath: string): Promise<Map<string, string>> {
  const spec = loadSpec(specPath);
  const operations = listOperations(spec);
  const serverUrl = (spec.servers as { url?: unknown }[] | undefined)?.[0]?.url;
  if (typeof serverUrl !== "string") throw new Error(`${specPath}: servers[0].url is missing`);
  return new Map([
    ["openapi.ts", await emitTypes(specPath)],
    ["operations.ts", emitOperations(operations, serverUrl)],
    ["resources.ts", emitResources(operations)],
    ["validators.ts", emitValidators(spec, operations)],
  ]);
}

/** Names of the files under outDir that differ from `files`, are missing, or should not be there. */
export function staleFiles(outDir: string, files: Map<string, string>): string[] {
  const stale = [...files].filter(([name, text]) => {
    const path = join(outDir, name);
    return !existsSync(path) || readFileSync(path, "utf8") !== text;
  });
  const extra = existsSync(outDir) ? readdirSync(outDir).filter((name) => !files.has(name)) : [];
  return [...stale.map(([name]) => name), ...extra].sort();
}

function argValue(args: string[], flag: string, fallback: string): string {
  const index = args.indexOf(flag);
  return index >= 0 && args[index + 1] ? (args[index + 1] as string) : fallback;
}

async function main(args: string[]): Promise<number> {
  const specPath = resolve(argValue(args, "--spec", "openapi/argil.yaml"));
  const outDir = resolve(argValue(args, "--out", "src/generated"));
  const files = await renderGenerated(specPath);
  const stale = staleFiles(outDir, files);
  if (args.includes("--check")) {
    if (stale.length === 0) {
      console.log(`${outDir} is up to date with ${specPath}`);
      return 0;
    }
    for (const name of stale) console.error(`stale: ${join(outDir, name)}`);
    console.error(
      "Generated code is out of step with the spec: run `npm run generate` and commit the result.",
    );
    return 1;
  }
  mkdirSync(outDir, { recursive: true });
  for (const name of stale) {
    const text = files.get(name);
    if (text === undefined) rmSync(join(outDir, name));
    else writeFileSync(join(outDir, name), text);
  }
  console.log(`wrote ${stale.length} of ${files.size} files to ${outDir}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
