import { describe, expect, it } from "vitest";
import { ArgilError, ResponseValidationError } from "../../../src/errors.js";
import { argilValidation, validateResponse } from "../../../src/validation.js";

const VIDEO_ID = "afaac696-1560-4e99-9d7e-4a3853c7182a";
const context = (status = 200) => ({
  status,
  method: "GET",
  path: "/videos/{id}",
  url: `https://user:pass@api.argil.ai/v1/videos/${VIDEO_ID}`,
});

function rejection(operationId: string, body: unknown, status = 200): ResponseValidationError {
  try {
    validateResponse(operationId, body, { ...context(status) });
  } catch (error) {
    expect(error).toBeInstanceOf(ResponseValidationError);
    return error as ResponseValidationError;
  }
  throw new Error(`${operationId} accepted ${JSON.stringify(body)}`);
}

describe("validateResponse", () => {
  it("accepts a body that matches the spec", () => {
    const video = { id: VIDEO_ID, status: "DONE", duration: null, moments: [{ zoom: { anything: 1 } }] };
    expect(() => validateResponse("videos.get", video, context())).not.toThrow();
  });

  it("raises ResponseValidationError naming the operation, status and each violation", () => {
    const error = rejection("videos.get", { id: "not-a-uuid", status: "QUEUED", extras: { n: 1 } });
    expect(error).toBeInstanceOf(ArgilError);
    expect(error.name).toBe("ResponseValidationError");
    expect(error.violations).toEqual([
      { path: "/id", message: "must be a valid uuid" },
      { path: "/status", message: "must be one of IDLE, GENERATING_AUDIO, GENERATING_VIDEO, DONE, FAILED" },
      { path: "/extras/n", message: "must be a string" },
    ]);
    expect(error.message).toMatch(
      /^200 GET \/videos\/\{id\}: the response body does not match the spec \(videos\.get\): \/id/,
    );
    expect(error).toMatchObject({
      operationId: "videos.get",
      status: 200,
      method: "GET",
      path: "/videos/{id}",
    });
    expect(error.url).not.toContain("pass");
    expect(error.body).toMatchObject({ status: "QUEUED" });
  });

  it("reads a null-or-enum field as one list of allowed values", () => {
    const error = rejection("voices.get", { language: "KLINGON", gender: null });
    expect(error.violations).toEqual([
      {
        path: "/language",
        message:
          "must be one of ENGLISH, SPANISH, FRENCH, PORTUGUESE, BRAZILIAN_PORTUGUESE, GERMAN, RUSSIAN, HINDI, CHINESE, DUTCH, ARABIC, null",
      },
    ]);
    expect(() => validateResponse("voices.get", { language: null, gender: "MALE" }, context())).not.toThrow();
  });

  it("checks arrays item by item", () => {
    const error = rejection("assets.list", [{ status: "READY" }, { status: "GONE" }]);
    expect(error.violations).toEqual([
      { path: "/1/status", message: "must be one of PROCESSING, READY, FAILED" },
    ]);
  });

  it("checks a status the spec does not declare against the declared success schemas", () => {
    expect(() => validateResponse("videos.get", { status: "DONE" }, context(203))).not.toThrow();
    expect(rejection("videos.get", { status: 1 }, 203).violations).toEqual([
      { path: "/status", message: "must be a string" },
    ]);
  });

  it("skips operations without a JSON success body", () => {
    expect(() => validateResponse("subtitles.export", "WEBVTT\n", context())).not.toThrow();
    expect(() => validateResponse("webhooks.delete", undefined, context(204))).not.toThrow();
  });

  it("is available as one plug-in object", () => {
    expect(argilValidation.validateResponse).toBe(validateResponse);
    expect(() => argilValidation.validateRequest("webhooks.update", { events: [] })).toThrow(
      /at least 1 item/,
    );
  });

  it("serialises without the body", () => {
    const json = rejection("videos.get", { status: "QUEUED" }).toJSON();
    expect(json).toMatchObject({ name: "ResponseValidationError", operationId: "videos.get", status: 200 });
    expect(json).not.toHaveProperty("body");
  });
});
