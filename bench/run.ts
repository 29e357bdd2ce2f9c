// `npm run bench`: builds the package, runs every section side by side, prints one table of medians and ratios,
// and writes the same figures to bench/results/latest.json (and the table to latest.md, for the README).
// `npm run bench -- --only per-call,size` runs some sections.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { type ColdImportResult, coldImport } from "./cold-import.js";
import { type LoopbackFigures, type LoopbackResult, loopback } from "./loopback.js";
import { type MemoryResult, memory } from "./memory.js";
import { type PerCallResult, perCall } from "./per-call.js";
import { type SizeResult, size } from "./size.js";
import { type SpecGrowthResult, specGrowth } from "./spec-growth.js";
import { round } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const sections = ["per-call", "loopback", "memory", "size", "cold-import", "spec-growth"] as const;
type Section = (typeof sections)[number];

interface Row {
  measure: string;
  argil: string;
  openapiFetch: string;
  handWritten: string;
  result: string;
  goal: string;
  met: boolean | null;
}

function machine() {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? "unknown";
  return {
    cpus: availableParallelism(),
    cpuModel: cpu.trim(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
}

const x = (ratio: number) => `${ratio}×`;
const na = "n/a";

function perCallRows(r: PerCallResult): Row[] {
  const { argil, openapiFetch, handWritten, argilRaw, openapiFetchTimeout, handWrittenTimeout } = r.medianUs;
  return [
    {
      measure: "per call, in-process fetch (µs, median)",
      argil: String(argil),
      openapiFetch: String(openapiFetch),
      handWritten: String(handWritten),
      result: `${x(r.ratioToOpenapiFetch)} openapi-fetch, ${x(r.ratioToHandWritten)} hand-written`,
      goal: "≤ 1.25× openapi-fetch, ≤ 2× hand-written",
      met: r.ratioToOpenapiFetch <= 1.25 && r.ratioToHandWritten <= 2,
    },
    {
      measure:
        "… diagnostics (µs): argil.raw; openapi-fetch and hand-written, each with the same timeout signal as argil",
      argil: `raw: ${argilRaw}`,
      openapiFetch: `with timeout: ${openapiFetchTimeout}`,
      handWritten: `with timeout: ${handWrittenTimeout}`,
      result: `argil ${x(r.ratioToOpenapiFetchWithTimeout)} openapi-fetch and ${x(r.ratioToHandWrittenTimeout)} hand-written given the same timeout; raw ${x(r.rawRatioToOpenapiFetch)} openapi-fetch`,
      goal: "",
      met: null,
    },
  ];
}

function loopbackRows(r: LoopbackResult): Row[] {
  const of = (key: string) => r.byContender[key];
  const cell = (key: string, field: keyof LoopbackFigures) => String(of(key)?.[field] ?? na);
  const cpu = (key: string) => of(key)?.clientCpuUsPerRequest ?? Number.NaN;
  const label = `loopback HTTP, ${r.requests.toLocaleString("en")} requests at concurrency ${r.concurrency}`;
  return [
    {
      measure: `${label}: throughput (req/s)`,
      argil: cell("argil", "requestsPerSecond"),
      openapiFetch: cell("openapiFetch", "requestsPerSecond"),
      handWritten: cell("handWritten", "requestsPerSecond"),
      result: `${x(r.throughputVsHandWritten)} hand-written`,
      goal: "≥ 0.9× hand-written",
      met: r.throughputVsHandWritten >= 0.9,
    },
    {
      measure: "… client CPU per request (µs)",
      argil: cell("argil", "clientCpuUsPerRequest"),
      openapiFetch: cell("openapiFetch", "clientCpuUsPerRequest"),
      handWritten: cell("handWritten", "clientCpuUsPerRequest"),
      result: `${x(round(cpu("argil") / cpu("handWritten")))} hand-written, ${x(round(cpu("argil") / cpu("openapiFetch")))} openapi-fetch`,
      goal: "",
      met: null,
    },
    {
      measure: `${label}: p50 / p99 latency (ms)`,
      argil: `${cell("argil", "p50Ms")} / ${cell("argil", "p99Ms")}`,
      openapiFetch: `${cell("openapiFetch", "p50Ms")} / ${cell("openapiFetch", "p99Ms")}`,
      handWritten: `${cell("handWritten", "p50Ms")} / ${cell("handWritten", "p99Ms")}`,
      result: `${x(r.p50VsHandWritten)} / ${x(r.p99VsHandWritten)} hand-written`,
      goal: "≤ 1.1× hand-written",
      met: r.p50VsHandWritten <= 1.1 && r.p99VsHandWritten <= 1.1,
    },
    {
      measure:
        "… diagnostics (req/s): argil.raw; openapi-fetch and hand-written, each with the same timeout signal as argil",
      argil: `raw: ${cell("argilRaw", "requestsPerSecond")}`,
      openapiFetch: `with timeout: ${cell("openapiFetchTimeout", "requestsPerSecond")}`,
      handWritten: `with timeout: ${cell("handWrittenTimeout", "requestsPerSecond")}`,
      result: `vs hand-written: openapi-fetch ${x(r.openapiFetchVsHandWritten)}, with timeout ${x(r.openapiFetchTimeoutVsHandWritten)}; hand-written with timeout ${x(r.handWrittenTimeoutVsHandWritten)}; argil ${x(r.argilVsHandWrittenTimeout)} hand-written with the same timeout`,
      goal: "",
      met: null,
    },
  ];
}

function memoryRows(r: MemoryResult): Row[] {
  return [
    {
      measure: `heap after ${r.calls.toLocaleString("en")}-call batches (MB, after GC)`,
      argil: `${r.baselineMb} → ${r.afterMb.join(", ")}`,
      openapiFetch: "",
      handWritten: "",
      result: `${r.bytesPerCall} B per call (max ${r.maxDeltaMb} MB off baseline)`,
      goal: "back to baseline, no growth per call",
      met: r.returnsToBaseline,
    },
  ];
}

function sizeRows(r: SizeResult): Row[] {
  const kb = (figure: { gzipKb: number | null }) => (figure.gzipKb === null ? na : `${figure.gzipKb} kB`);
  return [
    {
      measure: "bundle of `import { Argil }`, min+gz (esbuild)",
      argil: kb(r.core),
      openapiFetch: "",
      handWritten: "",
      result: `${r.core.minBytes} B minified`,
      goal: `≤ ${r.budgetKb} kB`,
      met: r.core.gzipKb !== null && r.core.gzipKb <= r.budgetKb,
    },
    {
      measure: "… with the webhook helpers imported",
      argil: kb(r.withWebhookHelpers),
      openapiFetch: "",
      handWritten: "",
      result: r.withWebhookHelpers.imports ? r.withWebhookHelpers.imports.join(", ") : "not exported yet",
      goal: "only when imported",
      met: null,
    },
    {
      measure: "… with the validation helpers imported",
      argil: kb(r.withValidationHelpers),
      openapiFetch: "",
      handWritten: "",
      result: r.withValidationHelpers.imports
        ? r.withValidationHelpers.imports.join(", ")
        : "not exported yet",
      goal: "only when imported",
      met: null,
    },
    {
      measure: "… with every export",
      argil: kb(r.everything),
      openapiFetch: "",
      handWritten: "",
      result: `${r.everything.minBytes} B minified`,
      goal: "",
      met: null,
    },
  ];
}

function coldImportRows(r: ColdImportResult): Row[] {
  return [
    {
      measure: `cold import (ms, median of ${r.runs} fresh processes)`,
      argil: String(r.importMs.argil),
      openapiFetch: String(r.importMs.openapiFetch),
      handWritten: "",
      result: `${x(r.importRatio)} openapi-fetch; whole process ${x(r.processRatio)}`,
      goal: "≤ 1.5× openapi-fetch",
      met: r.importRatio <= 1.5,
    },
    {
      measure: "… diagnostics (ms): src/client.ts alone, bundled into one file (twice)",
      argil: `${r.importMs.core}; one file: ${r.importMs.coreOneFile}`,
      openapiFetch: "",
      handWritten: "",
      result: `${x(r.coreRatio)}; one file ${x(r.coreOneFileRatio)} openapi-fetch`,
      goal: "",
      met: null,
    },
  ];
}

function specGrowthRows(r: SpecGrowthResult): Row[] {
  const series = (field: "codegenMs" | "declarationsMs" | "tscMs") =>
    r.rows.map((row) => `${row[field]}`).join(" / ");
  const growth = (g: Record<string, number>) =>
    Object.entries(g)
      .map(([factor, ratio]) => `${factor}: ${x(ratio)}`)
      .join(", ");
  const factors = r.rows.map((row) => `${row.factor}×`).join(" / ");
  const ops = r.rows.map((row) => row.operations).join(" / ");
  const failures = r.rows.filter((row) => row.error).map((row) => `at ${row.factor}×: ${row.error}`);
  const failed = failures.length > 0;
  const failure = failed ? `; **${failures.join("; ")}**` : "";
  return [
    {
      measure: `codegen (ms, best of 3) at ${factors} the spec (${ops} operations)`,
      argil: series("codegenMs"),
      openapiFetch: "",
      handWritten: "",
      result: `${growth(r.codegenGrowth)}; marginal ${r.codegenMarginal}`,
      goal: "~linear (marginal ~10)",
      met: r.codegenMarginal <= 15,
    },
    {
      measure: `our declaration build (ms) at ${factors}`,
      argil: series("declarationsMs"),
      openapiFetch: "",
      handWritten: "",
      result: `${growth(r.declarationsGrowth)}; marginal ${r.declarationsMarginal}${failure}`,
      goal: "~linear (marginal ~10)",
      met: !failed && r.declarationsMarginal <= 15,
    },
    {
      measure: `consumer \`tsc --noEmit\` (ms) at ${factors}`,
      argil: series("tscMs"),
      openapiFetch: "",
      handWritten: "",
      result: `${growth(r.tscGrowth)}; marginal ${r.tscMarginal}; net of the ${r.tscFixedMs} ms any tsc run takes: ${growth(r.tscNetGrowth)}`,
      goal: "~linear (marginal ~10)",
      met: !failed && r.tscMarginal <= 15,
    },
  ];
}

function table(rows: Row[]): string {
  const header = ["measure", "argil-client", "openapi-fetch", "hand-written", "result", "goal", "met"];
  const cells = rows.map((row) => [
    row.measure,
    row.argil,
    row.openapiFetch,
    row.handWritten,
    row.result,
    row.goal,
    row.met === null ? "" : row.met ? "yes" : "**no**",
  ]);
  const line = (values: string[]) => `| ${values.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...cells.map(line)].join("\n");
}

function selected(): Section[] {
  const index = process.argv.indexOf("--only");
  if (index < 0) return [...sections];
  const wanted = (process.argv[index + 1] ?? "").split(",");
  const unknown = wanted.filter((name) => !(sections as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown section ${unknown.join(", ")}; known: ${sections.join(", ")}`);
  return wanted as Section[];
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc)
    console.warn("run with --expose-gc (npm run bench does) for steadier figures");
  const only = selected();
  const info = machine();
  console.log(
    `machine: ${info.cpus} × ${info.cpuModel}, Node ${info.node}, load ${info.loadAverageAtStart.join(" ")}`,
  );
  console.log("building dist/ …");
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], { cwd: root, stdio: "inherit" });

  const results: Record<string, unknown> = {};
  const rows: Row[] = [];
  const step = async <T>(name: Section, run: () => Promise<T>, toRows: (result: T) => Row[]) => {
    if (!only.includes(name)) return;
    const started = performance.now();
    process.stdout.write(`${name} … `);
    const result = await run();
    console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
    results[name] = result;
    rows.push(...toRows(result));
  };
  await step("per-call", () => perCall(), perCallRows);
  await step("loopback", () => loopback(), loopbackRows);
  await step("memory", () => memory(), memoryRows);
  await step("size", () => size(), sizeRows);
  await step("cold-import", () => coldImport(), coldImportRows);
  await step("spec-growth", () => specGrowth(), specGrowthRows);

  const markdown = table(rows);
  console.log(`\n${markdown}\n`);
  const output = {
    date: new Date().toISOString(),
    machine: { ...info, loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(2))) },
    sections: only,
    rows,
    results,
  };
  const dir = fileURLToPath(new URL("./results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}latest.json`, `${JSON.stringify(output, null, 2)}\n`);
  writeFileSync(
    `${dir}latest.md`,
    `Measured ${output.date.slice(0, 10)} on ${info.cpus} × ${info.cpuModel}, Node ${info.node}, load average ` +
      `${info.loadAverageAtStart.join(" ")} at the start and ${output.machine.loadAverageAtEnd.join(" ")} at the end.\n\n${markdown}\n`,
  );
  console.log("wrote bench/results/latest.json and bench/results/latest.md");
}

await main();
