// Every ```ts block of the README must compile against the real package types, so the docs cannot drift.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function extractSnippets(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

function typeErrors(files: string[]): string[] {
  const configPath = join(root, "tsconfig.json");
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    root,
  );
  const program = ts.createProgram(files, config.options);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.includes(d.file.fileName))
    .map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

describe("README", () => {
  const snippets = extractSnippets(readFileSync(join(root, "README.md"), "utf8"));

  it("has TypeScript snippets for the quick start, every resource, errors and testing", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(8);
  });

  it("type-checks every TypeScript snippet", () => {
    const dir = join(root, ".tmp", "readme-snippets");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = snippets.map((code, index) => {
      const file = join(dir, `snippet-${index + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    expect(typeErrors(files)).toEqual([]);
  });

  it("catches a snippet that does not compile", () => {
    const dir = join(root, ".tmp", "readme-snippets-negative");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "broken.ts");
    writeFileSync(
      file,
      'import { Argil } from "argil-client";\nnew Argil().webhooks.update("x", { events: ["NOPE"] });\n',
    );
    expect(typeErrors([file]).join("\n")).toMatch(/NOPE/);
  });
});
