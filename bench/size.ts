// Section 4: minified+gzipped size of `import { Argil }` with esbuild, alone and with the optional helpers.
import { bundleClient } from "../test/size/bundle.js";
import { round } from "./stats.js";

export interface SizeFigure {
  /** The named imports bundled, or null when the helpers are not exported yet. */
  imports: string[] | null;
  minBytes: number | null;
  gzipKb: number | null;
}

export interface SizeResult {
  core: SizeFigure;
  withWebhookHelpers: SizeFigure;
  withValidationHelpers: SizeFigure;
  everything: SizeFigure;
  budgetKb: number;
}

async function measure(imports: string[] | null, from: Record<string, string[]> = {}): Promise<SizeFigure> {
  if (!imports || imports.length === 0) return { imports: null, minBytes: null, gzipKb: null };
  const extra = Object.entries(from)
    .map(
      ([entry, names]) =>
        `import { ${names.join(", ")} } from "${entry}";\nconsole.log(${names.join(", ")});\n`,
    )
    .join("");
  const entry = `import { ${imports.join(", ")} } from "argil-client";\nconsole.log(${imports.join(", ")});\n${extra}`;
  const bundle = await bundleClient({ entry, from: "dist" });
  return { imports, minBytes: bundle.bytes, gzipKb: round(bundle.gzipBytes / 1000) };
}

/** Measures the built dist/ (run the build first). The helpers are found by name among the package's exports. */
export async function size(): Promise<SizeResult> {
  const exported = Object.keys(await import("argil-client"));
  const webhooks = Object.keys(await import("argil-client/webhooks"));
  const validation = Object.keys(await import("argil-client/validation"));
  return {
    core: await measure(["Argil"]),
    withWebhookHelpers: await measure(["Argil"], { "argil-client/webhooks": webhooks }),
    withValidationHelpers: await measure(["Argil"], { "argil-client/validation": validation }),
    everything: await measure(exported, {
      "argil-client/webhooks": webhooks,
      "argil-client/validation": validation,
    }),
    budgetKb: 8,
  };
}
