// Bundles a snippet that imports argil-client the way a user's bundler would, for size, edge and browser checks.
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface ClientBundle {
  /** The bundled JavaScript. */
  code: string;
  /** Its size in bytes, as written and gzipped (level 9). */
  bytes: number;
  gzipBytes: number;
  /** The source files with code in the bundle, relative to the repo root (node_modules/... for dependencies).
   * Files esbuild read but tree-shook away entirely are not listed. */
  inputs: string[];
  /** Node built-in modules something in the bundle imports (`node:fs`, `crypto`, ...). */
  nodeBuiltins: string[];
  /** Minified bytes each input contributes to the bundle, largest first. */
  contributions: [input: string, bytes: number][];
}

export interface BundleOptions {
  /** The code of the entry module; it imports "argil-client" (or "argil-client/testing"). */
  entry: string;
  format?: "esm" | "iife";
  minify?: boolean;
  /** Bundle the built package in dist/ instead of src/. Default: src/, so no build is needed. */
  from?: "src" | "dist";
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Records every Node built-in import and leaves it out, so the bundle builds and the test can name them all. */
function recordBuiltins(found: Set<string>): Plugin {
  return {
    name: "record-node-builtins",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, ({ path }) => {
        if (!builtins.has(path) && !path.startsWith("node:")) return undefined;
        found.add(path);
        return { path, external: true };
      });
    },
  };
}

/** Bundles `entry` for the browser platform: tree-shaken, optionally minified, gzipped for measuring. */
export async function bundleClient(options: BundleOptions): Promise<ClientBundle> {
  const { entry, format = "esm", minify = true, from = "src" } = options;
  const found = new Set<string>();
  const [dir, ext] = from === "src" ? ["src", "ts"] : ["dist", "js"];
  const alias = {
    "argil-client/testing": `${root}${dir}/testing/index.${ext}`,
    "argil-client/webhooks": `${root}${dir}/webhooks/index.${ext}`,
    "argil-client/validation": `${root}${dir}/validation.${ext}`,
    "argil-client": `${root}${dir}/index.${ext}`,
  };
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    write: false,
    format,
    minify,
    treeShaking: true,
    platform: "browser",
    target: "es2022",
    alias,
    metafile: true,
    logLevel: "silent",
    plugins: [recordBuiltins(found)],
  });
  const code = result.outputFiles[0]?.text ?? "";
  const output = Object.values(result.metafile.outputs)[0];
  const contributions = Object.entries(output?.inputs ?? {})
    .map(([input, { bytesInOutput }]): [string, number] => [input, bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
  return {
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    inputs: contributions
      .filter(([input, bytes]) => bytes > 0 && input !== "entry.ts")
      .map(([input]) => input),
    nodeBuiltins: [...found].sort(),
    contributions,
  };
}
