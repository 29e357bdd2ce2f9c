import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../../../src/errors.js";
import { validateRequest } from "../../../src/validation.js";

const AVATAR = "c6679d72-7a4b-46ec-be96-74d679e97804";

/** The InvalidRequestError validateRequest throws, or a failure when it does not throw. */
function rejection(operationId: string, body: unknown): InvalidRequestError {
  try {
    validateRequest(operationId, body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error(`${operationId} accepted ${JSON.stringify(body)}`);
}

const video = (moments: unknown[], extra: Record<string, unknown> = {}) => ({
  name: "Launch",
  moments,
  ...extra,
});

describe("validateRequest", () => {
  it("accepts a valid body", () => {
    expect(() =>
      validateRequest(
        "videos.create",
        video([
          { avatarId: AVATAR, transcript: "Hi.", zoom: { level: 1.5 } },
          { avatarId: AVATAR, audioUrl: "https://example.com/a.mp3" },
        ]),
      ),
    ).not.toThrow();
    expect(() => validateRequest("webhooks.update", { events: ["VIDEO_GENERATION_SUCCESS"] })).not.toThrow();
  });

  it("rejects an empty events list", () => {
    for (const operationId of ["webhooks.update", "webhooks.create"]) {
      const error = rejection(operationId, { callbackUrl: "https://example.com/hook", events: [] });
      expect(error.violations).toEqual([{ path: "/events", message: "must have at least 1 item" }]);
      expect(error.message).toContain("nothing was sent");
      expect(error.message).toContain("/events must have at least 1 item");
    }
  });

  it("rejects an unknown event and names the allowed ones", () => {
    const error = rejection("webhooks.update", { events: ["VIDEO_GENERATION_SUCCESS", "VIDEO_DELETED"] });
    expect(error.violations).toEqual([
      {
        path: "/events/1",
        message:
          "must be one of AVATAR_TRAINING_SUCCESS, AVATAR_TRAINING_FAILED, VIDEO_GENERATION_SUCCESS, VIDEO_GENERATION_FAILED",
      },
    ]);
  });

  it("rejects an extra property on webhooks.update and webhooks.create", () => {
    expect(
      rejection("webhooks.update", { events: ["VIDEO_GENERATION_FAILED"], secret: "x" }).violations,
    ).toEqual([{ path: "/secret", message: "is not a known property" }]);
    const create = {
      callbackUrl: "https://example.com/hook",
      events: ["VIDEO_GENERATION_FAILED"],
      active: true,
    };
    expect(rejection("webhooks.create", create).violations).toEqual([
      { path: "/active", message: "is not a known property" },
    ]);
  });

  it("rejects a moment with both transcript and audioUrl in one readable line", () => {
    const error = rejection(
      "videos.create",
      video([{ avatarId: AVATAR, transcript: "Hi.", audioUrl: "https://example.com/a.mp3" }]),
    );
    expect(error.violations).toEqual([
      { path: "/moments/0", message: "must have exactly one of transcript or audioUrl" },
    ]);
  });

  it("rejects a moment with neither transcript nor audioUrl", () => {
    const error = rejection(
      "videos.create",
      video([{ avatarId: AVATAR, transcript: "Hi." }, { avatarId: AVATAR }]),
    );
    expect(error.violations).toEqual([
      { path: "/moments/1", message: "must have exactly one of transcript or audioUrl" },
    ]);
  });

  it("rejects a zoom level outside 1 to 2, in either kind of moment", () => {
    const error = rejection(
      "videos.create",
      video([
        { avatarId: AVATAR, transcript: "Hi.", zoom: { level: 2.5 } },
        { avatarId: AVATAR, audioUrl: "https://example.com/a.mp3", zoom: { level: 0.5 } },
      ]),
    );
    expect(error.violations).toEqual([
      { path: "/moments/0/zoom/level", message: "must be at most 2" },
      { path: "/moments/1/zoom/level", message: "must be at least 1" },
    ]);
  });

  it("reports a moment's own problems next to the transcript-or-audio rule", () => {
    const moment = {
      avatarId: AVATAR,
      transcript: "Hi.",
      audioUrl: "https://example.com/a.mp3",
      zoom: { level: 3 },
    };
    expect(rejection("videos.create", video([moment])).violations).toEqual([
      { path: "/moments/0", message: "must have exactly one of transcript or audioUrl" },
      { path: "/moments/0/zoom/level", message: "must be at most 2" },
    ]);
  });

  it("rejects more than 10 extras", () => {
    const extras = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key${i}`, "value"]));
    const error = rejection("videos.create", video([{ avatarId: AVATAR, transcript: "Hi." }], { extras }));
    expect(error.violations).toEqual([{ path: "/extras", message: "must have at most 10 properties" }]);
  });

  it("lists every violation of a body, each with its JSON path", () => {
    const error = rejection("videos.create", {
      moments: [{ avatarId: AVATAR }],
      aspectRatio: "4:3",
      extras: { crmId: 42 },
    });
    expect(error.violations.map((v) => v.path)).toEqual([
      "/name",
      "/moments/0",
      "/aspectRatio",
      "/extras/crmId",
    ]);
    expect(error.message).toContain("/aspectRatio must be one of 16:9, 9:16");
    expect(error.message).toContain("/extras/crmId must be a string");
  });

  it("names the alternatives of a oneOf when the body fits none of them", () => {
    const error = rejection("avatars.create", {});
    expect(error.violations).toEqual([
      { path: "", message: "must match exactly one of AvatarCreateArgsImage or AvatarCreateArgs" },
      { path: "/name", message: "is required" },
    ]);
    expect(error.message).toContain(
      "the body must match exactly one of AvatarCreateArgsImage or AvatarCreateArgs",
    );
  });

  it("reports the problems of the alternative a body is evidently meant for", () => {
    const body = { type: "IMAGE", name: "Lena", datasetImage: { url: "http://example.com/lena.png" } };
    expect(rejection("avatars.create", body).violations).toEqual([
      { path: "/datasetImage/url", message: "must match the pattern ^https://.*" },
    ]);
    const both = {
      type: "IMAGE",
      name: "Lena",
      datasetImage: { url: "https://e.com/a.png", base64: "data:image/png;base64,AA" },
    };
    expect(rejection("avatars.create", both).violations).toEqual([
      { path: "/datasetImage", message: "must have exactly one of url or base64" },
    ]);
  });

  it("checks formats without a runtime format library", () => {
    expect(rejection("videos.render", { callbackUrl: "not a url" }).violations).toEqual([
      { path: "/callbackUrl", message: "must be a valid uri" },
    ]);
    const avatar = {
      type: "IMAGE",
      name: "Lena",
      datasetImage: { url: "https://e.com/a.png" },
      voiceId: "voice-1",
    };
    expect(rejection("avatars.create", avatar).violations).toEqual([
      { path: "/voiceId", message: "must be a valid uuid" },
    ]);
  });

  it("counts string lengths in characters, not UTF-16 units", () => {
    const name = "😀".repeat(256);
    const avatar = { type: "IMAGE", name, datasetImage: { url: "https://e.com/a.png" } };
    expect(() => validateRequest("avatars.create", avatar)).not.toThrow();
    expect(rejection("avatars.create", { ...avatar, name: `${name}x` }).violations).toEqual([
      { path: "/name", message: "must be at most 256 characters long" },
    ]);
  });

  it("leaves an omitted optional body alone", () => {
    expect(() => validateRequest("videos.render", undefined)).not.toThrow();
  });

  it("rejects a body for an operation that takes none, and an unknown operation", () => {
    expect(rejection("webhooks.delete", {}).message).toContain("webhooks.delete takes no request body");
    expect(rejection("webhooks.archive", {}).message).toContain(
      "webhooks.archive is not an operation of the spec",
    );
  });

  it("lists the first ten violations in the message and all of them in violations", () => {
    const moments = Array.from({ length: 12 }, () => ({ avatarId: AVATAR }));
    const error = rejection("videos.create", video(moments));
    expect(error.violations).toHaveLength(12);
    expect(error.message).toContain("; and 2 more");
  });
});
