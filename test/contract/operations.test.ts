// Every operation of the spec against the Prism mock: required inputs, every optional field, documented shapes.
import { describe, expect, it } from "vitest";
import { bodyVariants, operations, sampleArguments, successValidator } from "../support/spec-operations.js";
import { callMethod, label, mockClient } from "./support.js";

describe.each(operations.map((op) => [label(op), op] as const))("%s", (_label, op) => {
  it("resolves with only the required inputs to a body of the documented shape", async () => {
    for (const kind of ["static", "dynamic"] as const) {
      const { argil, violations } = mockClient(kind);
      const result = await callMethod(argil, op, sampleArguments(op, "required"));
      expect(violations).toEqual([undefined]);
      if (op.response === "none") expect(result).toBeUndefined();
      else if (op.response === "text") expect(typeof result).toBe("string");
      else {
        const validate = successValidator(op, kind === "dynamic");
        expect(validate?.(result), JSON.stringify(validate?.errors)).toBe(true);
      }
    }
  });

  it("sends every documented optional field without a request violation", async () => {
    const { argil, violations } = mockClient();
    for (let branch = 0; branch < bodyVariants(op); branch++) {
      await callMethod(argil, op, sampleArguments(op, "full", branch));
    }
    expect(violations).toEqual(Array.from({ length: bodyVariants(op) }, () => undefined));
  });
});
