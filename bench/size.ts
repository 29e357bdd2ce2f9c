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

async function measure(imports: string[] | null): Promise<SizeFigure> {
  if (!imports || imports.length === 0) return { imports: null, minBytes: null, gzipKb: null };
  const entry = `import { ${imports.join(", ")} } from "argil-client";\nconsole.log(${imports.join(", ")});\n`;
  const bundle = await bundleClient({ entry, from: "dist" });
  return { imports, minBytes: bundle.bytes, gzipKb: round(bundle.gzipBytes / 1000) };
}

/** Measures the built dist/ (run the build first). The helpers are found by name among the package's exports. */
export async function size(): Promise<SizeResult> {
  const exported = Object.keys(await import("argil-client"));
  const pick = (pattern: RegExp) => {
    const names = exported.filter((name) => pattern.test(name) && name !== "Argil");
    return names.length > 0 ? ["Argil", ...names] : null;
  };
  return {
    core: await measure(["Argil"]),
    withWebhookHelpers: await measure(pick(/webhook/i)),
    withValidationHelpers: await measure(pick(/validat/i)),
    everything: await measure(exported),
    budgetKb: 8,
  };
}
