// Section 6: what a bigger spec costs: codegen time, and `tsc --noEmit` of a small consumer of the generated
// client, for the real spec and synthetic specs 10× and 100× its size.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { renderGenerated } from "../scripts/generate.js";
import { round } from "./stats.js";

// Best of N: these runs do the same work every time, so load from elsewhere on the machine only adds to them.
const best = (values: number[]) => (values.length > 0 ? Math.min(...values) : Number.NaN);

import { writeSyntheticSpec } from "./synthetic-spec.js";

const root = fileURLToPath(new URL("..", import.meta.url));

export interface SpecGrowthRow {
  factor: number;
  operations: number;
  /** Characters of generated code, all files. */
  generatedChars: number;
  codegenMs: number;
  /** Our own build of the declarations from src/ (tsc, emitDeclarationOnly), which the consumer then reads. */
  declarationsMs: number;
  /** `tsc --noEmit` of the small consumer against those declarations (skipLibCheck, as most projects set). */
  tscMs: number;
  /** Why a step failed at this size (the compiler's first lines), when one did; its figures are then NaN. */
  error?: string;
}

export interface SpecGrowthResult {
  rows: SpecGrowthRow[];
  /** `tsc --noEmit` of an empty file with the consumer's settings: the part of tscMs that is not ours.
   * Every figure of this section is the best of its runs (3, or 2 at 100×). */
  tscFixedMs: number;
  /** Growth of tscMs − tscFixedMs, the part our declarations cost. */
  tscNetGrowth: Record<string, number>;
  /** Time at each factor over time at 1×; linear growth would be ~factor once fixed costs are small. */
  codegenGrowth: Record<string, number>;
  declarationsGrowth: Record<string, number>;
  tscGrowth: Record<string, number>;
  /** (t100 − t10) / (t10 − t1): ~10 for linear growth past the fixed costs, ~100 for quadratic. */
  codegenMarginal: number;
  declarationsMarginal: number;
  tscMarginal: number;
}

type Field = "codegenMs" | "declarationsMs" | "tscMs";

const consumer = `import { Argil, NotFoundError } from "./dist/index.js";

const argil = new Argil({ apiKey: "sk_bench" });
export async function update(id: string): Promise<string | undefined> {
  try {
    const webhook = await argil.webhooks.update(id, { events: ["VIDEO_GENERATION_SUCCESS"] });
    return webhook.id;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
`;

const compilerOptions = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  skipLibCheck: true,
  types: ["node"],
};

/**
 * A throwaway project: a copy of src/ whose generated files come from `files`, its declarations built into dist/
 * the way `npm run build` does, and the consumer above, which sees only those declarations, as a user does.
 */
function writeProject(dir: string, files: Map<string, string>): void {
  cpSync(join(root, "src"), join(dir, "src"), { recursive: true });
  rmSync(join(dir, "src", "generated"), { recursive: true, force: true });
  mkdirSync(join(dir, "src", "generated"));
  for (const [name, text] of files) writeFileSync(join(dir, "src", "generated", name), text);
  writeFileSync(join(dir, "consumer.ts"), consumer);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  const config = (options: object, include: string[]) =>
    JSON.stringify({ compilerOptions: options, include });
  const build = { exactOptionalPropertyTypes: true, declaration: true, emitDeclarationOnly: true };
  writeFileSync(
    join(dir, "tsconfig.build.json"),
    config({ ...compilerOptions, ...build, rootDir: "src", outDir: "dist" }, ["src"]),
  );
  writeFileSync(join(dir, "tsconfig.json"), config({ ...compilerOptions, noEmit: true }, ["consumer.ts"]));
  // The same compiler set-up with nothing of ours: what any consumer pays (Node start-up, lib and @types/node).
  writeFileSync(join(dir, "empty.ts"), "export const nothing = 0;\n");
  writeFileSync(join(dir, "tsconfig.empty.json"), config({ ...compilerOptions, noEmit: true }, ["empty.ts"]));
}

async function timeTsc(dir: string, ...args: string[]): Promise<number> {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const started = performance.now();
  await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  return performance.now() - started;
}

/**
 * Times codegen, our declaration build and the consumer's check at each factor. Repeats go round the factors
 * (1×, 10×, 100×, 1×, …) rather than one factor at a time, so a burst of load from elsewhere does not land on
 * all the runs of one factor; each figure is the best of its runs.
 */
export async function specGrowth({ factors = [1, 10, 100], repeats = 3 } = {}): Promise<SpecGrowthResult> {
  const temp = mkdtempSync(join(tmpdir(), "argil-spec-growth-"));
  try {
    const cases = factors.map((factor) => {
      const specPath = join(temp, `spec-${factor}x.yaml`);
      return {
        factor,
        specPath,
        project: join(temp, `project-${factor}x`),
        operations: writeSyntheticSpec(join(root, "openapi", "argil.yaml"), specPath, factor),
        // The largest spec runs twice, not three times, to keep the whole bench within a few minutes.
        runs: factor >= 100 ? Math.min(2, repeats) : repeats,
        files: new Map<string, string>(),
        codegen: [] as number[],
        declarations: [] as number[],
        tsc: [] as number[],
        error: undefined as string | undefined,
      };
    });
    const rounds = async (work: (c: (typeof cases)[number]) => Promise<void>) => {
      for (let i = 0; i < repeats; i++) for (const c of cases) if (i < c.runs) await work(c);
    };
    await rounds(async (c) => {
      const started = performance.now();
      c.files = await renderGenerated(c.specPath);
      c.codegen.push(performance.now() - started);
    });
    for (const c of cases) writeProject(c.project, c.files);
    await timeTsc(temp, "--version"); // load tsc from disk once, untimed
    await rounds(async (c) => {
      if (c.error) return;
      try {
        c.declarations.push(await timeTsc(c.project, "-p", "tsconfig.build.json"));
      } catch (error) {
        // A spec this size breaks the build (e.g. TS2589, a type too deep): report it, measure the rest.
        const { stdout } = error as { stdout?: string };
        c.error = `declaration build failed: ${(stdout || String(error)).trim().split("\n").slice(0, 2).join(" ")}`;
      }
    });
    const fixed: number[] = [];
    await rounds(async (c) => {
      if (c.error) return;
      c.tsc.push(await timeTsc(c.project, "-p", "tsconfig.json"));
      // Side by side with the consumer, so both see the same machine.
      fixed.push(await timeTsc(c.project, "-p", "tsconfig.empty.json"));
    });
    const rows: SpecGrowthRow[] = cases.map((c) => ({
      factor: c.factor,
      operations: c.operations,
      generatedChars: [...c.files.values()].reduce((sum, text) => sum + text.length, 0),
      codegenMs: round(best(c.codegen)),
      declarationsMs: round(best(c.declarations)),
      tscMs: round(best(c.tsc)),
      ...(c.error ? { error: c.error } : {}),
    }));
    const base = rows[0] as SpecGrowthRow;
    const growth = (field: Field) =>
      Object.fromEntries(rows.map((row) => [`${row.factor}x`, round(row[field] / base[field])]));
    const marginal = (field: Field) => {
      const [one, ten, hundred] = rows;
      return one && ten && hundred
        ? round((hundred[field] - ten[field]) / (ten[field] - one[field]))
        : Number.NaN;
    };
    const tscFixedMs = round(best(fixed));
    return {
      rows,
      tscFixedMs,
      tscNetGrowth: Object.fromEntries(
        rows.map((row) => [`${row.factor}x`, round((row.tscMs - tscFixedMs) / (base.tscMs - tscFixedMs))]),
      ),
      codegenGrowth: growth("codegenMs"),
      declarationsGrowth: growth("declarationsMs"),
      tscGrowth: growth("tscMs"),
      codegenMarginal: marginal("codegenMs"),
      declarationsMarginal: marginal("declarationsMs"),
      tscMarginal: marginal("tscMs"),
    };
  } finally {
    // BENCH_KEEP_TMP=1 keeps the projects, e.g. to run `tsc --extendedDiagnostics` in one.
    if (process.env.BENCH_KEEP_TMP) console.log(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
}
