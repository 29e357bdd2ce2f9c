// Builds dist/: .d.ts from tsc, ESM bundles with shared chunks from esbuild, and a CommonJS bundle per entry with
// .d.cts types.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

/** The package's entry points: source file, and the dist path (without extension) they are built to. */
const entries = [
  { source: "src/index.ts", out: "index" },
  { source: "src/testing/index.ts", out: "testing/index" },
  { source: "src/webhooks/index.ts", out: "webhooks/index" },
  { source: "src/validation.ts", out: "validation" },
];

function emitTypes(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--emitDeclarationOnly"], {
    stdio: "inherit",
  });
}

/**
 * ESM: one file per entry plus chunks for the code entries share, so importing the client reads a couple of
 * files instead of thirty (cold start), and the entries still share one copy of every class (instanceof holds
 * between argil-client and argil-client/webhooks). Chunks sit two levels deep like the entries, so the testing
 * helper's `new URL("../../openapi/argil.yaml", import.meta.url)` finds the spec from either.
 */
async function emitEsm(): Promise<void> {
  await build({
    entryPoints: entries.map(({ source, out }) => ({ in: join(root, source), out })),
    outdir: dist,
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    packages: "external",
    platform: "neutral",
    format: "esm",
    target: "es2022",
    logLevel: "warning",
  });
}

/**
 * Dependencies stay external, but a default import of a CommonJS build marked `__esModule` (openapi-fetch's
 * `exports.default = createClient`) must yield that `default`. esbuild converts our ESM sources with Node's rule
 * instead (default = the whole `module.exports`), so each dependency is required through a tiny ESM shim that
 * picks the right value either way.
 */
const cjsDefaultInterop: Plugin = {
  name: "cjs-default-interop",
  setup(pluginBuild) {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies?: object;
    };
    const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
    pluginBuild.onResolve({ filter: /^[^./]/ }, ({ path, namespace }) => {
      if (!dependencies.has(path)) return undefined;
      return namespace === "cjs-interop" ? { path, external: true } : { path, namespace: "cjs-interop" };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: "cjs-interop" }, ({ path }) => ({
      loader: "js",
      contents: [
        `import * as ns from ${JSON.stringify(path)};`,
        `export * from ${JSON.stringify(path)};`,
        "const value = ns.default;",
        "export default value && value.__esModule ? value.default : value;",
      ].join("\n"),
    }));
  },
};

/**
 * CommonJS has no shared chunks, so a subpath entry (testing, webhooks, validation) takes the error classes from
 * the main entry's bundle instead of its own copy: `instanceof InvalidRequestError` must hold whichever entry the
 * class and the error came from. Every class those entries use is exported by src/index.ts.
 */
function errorsFromMainEntry(out: string): Plugin {
  const mainEntry = relative(dirname(join(dist, out)), join(dist, "index.cjs"));
  return {
    name: "errors-from-main-entry",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\/errors\.js$/ }, ({ path, resolveDir }) =>
        join(resolveDir, path) === join(root, "src", "errors.js")
          ? { path: mainEntry.startsWith(".") ? mainEntry : `./${mainEntry}`, external: true }
          : undefined,
      );
    },
  };
}

/**
 * One CommonJS file per entry point, for `require()` on any Node 20 (no reliance on `require(esm)`).
 * `import.meta.url`, which the testing helper uses to find the packaged spec, becomes the file's own URL.
 */
async function emitCjs(): Promise<void> {
  await Promise.all(
    entries.map(({ source, out }) =>
      build({
        entryPoints: [join(root, source)],
        outfile: join(dist, `${out}.cjs`),
        bundle: true,
        packages: "external",
        platform: "node",
        format: "cjs",
        target: "node20",
        logLevel: "warning",
        plugins: out === "index" ? [cjsDefaultInterop] : [errorsFromMainEntry(out), cjsDefaultInterop],
        define: { "import.meta.url": "__argilModuleUrl" },
        banner: {
          js: source.includes("/testing/")
            ? 'const __argilModuleUrl = require("node:url").pathToFileURL(__filename).href;'
            : "",
        },
      }),
    ),
  );
}

/**
 * Copies every .d.ts to a .d.cts whose relative imports name .cjs files, so a `require` consumer's TypeScript
 * sees CommonJS types all the way down (a .d.cts importing a .d.ts of a "type": "module" package would be ESM).
 */
function emitCjsTypes(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) emitCjsTypes(path);
    else if (entry.name.endsWith(".d.ts")) {
      const text = readFileSync(path, "utf8").replace(
        /((?:from|import)\s*\(?\s*)(["'])(\.\.?\/[^"']+)\.js\2/g,
        "$1$2$3.cjs$2",
      );
      writeFileSync(path.replace(/\.d\.ts$/, ".d.cts"), text);
    }
  }
}

const started = performance.now();
rmSync(dist, { recursive: true, force: true });
emitTypes();
await emitEsm();
await emitCjs();
emitCjsTypes(dist);
console.error(`built dist/ in ${Math.round(performance.now() - started)} ms`);
