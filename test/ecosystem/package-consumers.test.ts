// Packs the built package, installs the tarball into a throwaway project and uses it from ESM, CJS and TypeScript.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));
const exec = promisify(execFile);

// npm passes its own settings to scripts as npm_* variables; the throwaway project must not inherit them.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

async function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    return await exec(command, args, { cwd, env: { ...cleanEnv, ...env }, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`, {
      cause: error,
    });
  }
}

/** Runs a Node script of the throwaway project and parses the one JSON line it prints. */
async function runConsumer(file: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [file], app, { MOCK_BASE_URL: inject("mockBaseUrl") });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as Record<string, unknown>;
}

// Every TypeScript consumer makes the same call; a wrong event name must fail to compile, so types are not `any`.
const tsBody = (kind: string) => `
const argil = new Argil({ apiKey: "sk_ecosystem_test", baseUrl: process.env.MOCK_BASE_URL });
const webhook = await argil.webhooks.update("79fb1195-f5f3-4f29-a178-b0b480663577", {
  events: ["VIDEO_GENERATION_SUCCESS"],
});
const id: string | undefined = webhook.id;
const error: unknown = await argil.videos.get("missing", { headers: { Prefer: "code=404" } }).catch((e: unknown) => e);
console.log(JSON.stringify({ kind: "${kind}", webhookId: id, notFound: error instanceof NotFoundError }));

export function wrongEventName() {
  // @ts-expect-error "NOPE" is not a webhook event
  return argil.webhooks.update("id", { events: ["NOPE"] });
}
`;
const tsConsumers: Record<string, string> = {
  "node16/esm.mts": `import { Argil, NotFoundError } from "argil-client";\nimport type { MockServer } from "argil-client/testing";\nexport type Mock = MockServer;\n${tsBody("node16-esm")}`,
  // In a .cts file this import compiles to require(), so it resolves through the "require" conditions.
  "node16/cjs.cts": `import { Argil, NotFoundError } from "argil-client";\nimport type { MockServer } from "argil-client/testing";\nexport type Mock = MockServer;\nasync function main() {\n${tsBody("node16-cjs").replace("export function", "function")}\nvoid wrongEventName;\n}\nvoid main();\n`,
  "bundler/main.ts": `import { Argil, NotFoundError } from "argil-client";\nimport type { MockServer } from "argil-client/testing";\nexport type Mock = MockServer;\n${tsBody("bundler")}`,
};
const compilerOptions = { target: "ES2022", strict: true, skipLibCheck: false, declaration: false };
const tsConfigs: Record<string, object> = {
  // A Node service with no DOM lib: the package's types must make do with @types/node's fetch globals.
  node16: {
    ...compilerOptions,
    module: "node16",
    moduleResolution: "node16",
    lib: ["ES2022"],
    types: ["node"],
  },
  bundler: {
    ...compilerOptions,
    module: "ESNext",
    moduleResolution: "bundler",
    lib: ["ES2022", "DOM"],
    types: ["node"],
  },
};

let temp: string;
let app: string;
let packedFiles: string[];

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), "argil-ecosystem-"));
  app = join(temp, "app");
  mkdirSync(app);
  await run("npm", ["run", "build", "--silent"], root);
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", temp], root);
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
  packedFiles = packed.files.map((file) => file.path).sort();

  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "argil-ecosystem-app", private: true, type: "module" }),
  );
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--no-package-lock",
      join(temp, packed.filename),
    ],
    app,
  );
  // Tools too slow to install each run are linked from the repo: TypeScript, Node's types, and Prism, the
  // optional peer that argil-client/testing needs.
  for (const name of ["typescript", "@types/node", "@stoplight/prism-cli"]) {
    mkdirSync(dirname(join(app, "node_modules", name)), { recursive: true });
    symlinkSync(join(root, "node_modules", name), join(app, "node_modules", name), "dir");
  }
  for (const file of ["esm-consumer.mjs", "cjs-consumer.cjs", "packaged-mock.mjs"]) {
    copyFileSync(join(fixtures, file), join(app, file));
  }
  for (const [file, code] of Object.entries(tsConsumers)) {
    mkdirSync(dirname(join(app, "src", file)), { recursive: true });
    writeFileSync(join(app, "src", file), code);
  }
  for (const [name, options] of Object.entries(tsConfigs)) {
    writeFileSync(
      join(app, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: { ...options, rootDir: `src/${name}`, outDir: `out/${name}` },
        include: [`src/${name}`],
      }),
    );
  }
}, 120_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("ships only dist/, the spec, README, LICENSE and package.json", () => {
    const outside = packedFiles.filter(
      (path) =>
        !path.startsWith("dist/") &&
        !["openapi/argil.yaml", "README.md", "LICENSE", "package.json"].includes(path),
    );
    expect(outside).toEqual([]);
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        "dist/index.js",
        "dist/index.d.ts",
        "dist/index.cjs",
        "dist/index.d.cts",
        "dist/testing/index.js",
        "dist/testing/index.cjs",
        "dist/webhooks/index.js",
        "dist/webhooks/index.cjs",
        "dist/validation.js",
        "dist/validation.cjs",
        "openapi/argil.yaml",
        "LICENSE",
      ]),
    );
  });

  it("works from an ESM import, resolving to the ESM build", async () => {
    const result = await runConsumer("esm-consumer.mjs");
    expect(result).toMatchObject({ webhookId: "79fb1195-f5f3-4f29-a178-b0b480663577", notFound: true });
    expect(result.resolved).toMatch(/node_modules\/argil-client\/dist\/index\.js$/);
  });

  it("works from a CommonJS require, resolving to the CommonJS build", async () => {
    const result = await runConsumer("cjs-consumer.cjs");
    expect(result).toMatchObject({
      webhookId: "79fb1195-f5f3-4f29-a178-b0b480663577",
      notFound: true,
      startMockServer: "function",
      validationErrorShared: true,
      webhookErrorShared: true,
    });
    expect(result.resolved).toMatch(/node_modules\/argil-client\/dist\/index\.cjs$/);
    expect(result.testingResolved).toMatch(/node_modules\/argil-client\/dist\/testing\/index\.cjs$/);
  });

  it("starts the mock through argil-client/testing from the spec inside the tarball", async () => {
    await expect(runConsumer("packaged-mock.mjs")).resolves.toEqual({ webhooks: true });
  }, 60_000);

  it.each(Object.keys(tsConfigs))(
    "type-checks a TypeScript consumer under moduleResolution %s and runs it",
    async (name) => {
      const tsc = join(app, "node_modules", "typescript", "bin", "tsc");
      const { stdout } = await run(
        process.execPath,
        [tsc, "-p", `tsconfig.${name}.json`, "--listFiles"],
        app,
      );
      // The .mts/.ts consumers see the ESM types, the .cts consumer the CommonJS ones.
      const typesUsed = stdout.split("\n").filter((line) => /argil-client\/dist\/index\.d\.c?ts$/.test(line));
      expect(typesUsed.map((line) => line.replace(/^.*\/dist\//, "")).sort()).toEqual(
        name === "node16" ? ["index.d.cts", "index.d.ts"] : ["index.d.ts"],
      );
      const outputs = Object.keys(tsConsumers)
        .filter((file) => file.startsWith(`${name}/`))
        .map((file) => join("out", file.replace(/\.([mc]?)ts$/, ".$1js")));
      for (const output of outputs) {
        const result = await runConsumer(output);
        expect(result).toMatchObject({ webhookId: "79fb1195-f5f3-4f29-a178-b0b480663577", notFound: true });
      }
    },
    60_000,
  );
});
