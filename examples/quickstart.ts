// A first hour with argil-client: browse avatars and voices, manage a webhook, make and render a video, handle errors.
// Run it against the mock with `npm run demo`, or against the real API with ARGIL_API_KEY set (it creates a
// webhook and a video, and rendering costs credits).
import { Argil, BadRequestError, NotFoundError } from "argil-client";

const argil = new Argil(); // reads ARGIL_API_KEY and ARGIL_BASE_URL
const step = (text: string) => console.log(`\n▸ ${text}`);

step("List avatars and voices");
const avatars = await argil.avatars.list({ visibility: "public" });
const voices = await argil.voices.list({ language: "ENGLISH" });
console.log(`  ${avatars.length} avatar(s), ${voices.length} voice(s)`);
const avatar = avatars[0];
if (!avatar?.id) throw new Error("No avatar to make a video with");
console.log(`  using avatar "${avatar.name}" (${avatar.id}), status ${avatar.status}`);

step("Create a webhook for finished videos");
const webhook = await argil.webhooks.create({
  callbackUrl: "https://example.com/argil/webhook",
  events: ["VIDEO_GENERATION_SUCCESS"],
});
if (!webhook.id) throw new Error("The webhook came back without an id");
console.log(`  created webhook ${webhook.id} → ${webhook.callbackUrl} for ${webhook.events?.join(", ")}`);

step("Update it to hear about failures too");
const wanted = ["VIDEO_GENERATION_SUCCESS", "VIDEO_GENERATION_FAILED"] as const;
const updated = await argil.webhooks.update(webhook.id, { events: [...wanted] });
console.log(`  webhook ${updated.id} now listens to ${updated.events?.join(", ")}`);
if (updated.events?.join() !== wanted.join()) {
  // The mock answers every call with the spec's example, whatever was sent; the real API echoes the update.
  console.log("  (not the events we sent: the mock replies with the spec's example webhook)");
}

step("List webhooks, then delete ours");
const webhooks = await argil.webhooks.list();
console.log(`  ${webhooks.length} webhook(s) registered`);
await argil.webhooks.delete(webhook.id);
console.log(`  deleted webhook ${webhook.id}`);

step("Create a video from one moment and render it");
const video = await argil.videos.create({
  name: "Quickstart video",
  moments: [{ avatarId: avatar.id, transcript: "Hello from argil-client!" }],
  aspectRatio: "16:9",
});
if (!video.id) throw new Error("The video came back without an id");
console.log(`  created video ${video.id} (${video.status})`);
const rendering = await argil.videos.render(video.id);
console.log(`  render started: status ${rendering.status}`);
const fetched = await argil.videos.get(video.id);
console.log(
  `  fetched video "${fetched.name}": status ${fetched.status}, preview ${fetched.previewUrl ?? "n/a"}`,
);

step("Wait for the render to finish");
const done = await argil.videos.waitUntilDone(video.id, {
  intervalMs: 1_000,
  onStatus: (status) => console.log(`  status: ${status}`),
});
console.log(`  done: ${done.videoUrl ?? "no URL yet"}`);

step("Walk every video, page by page");
let seen = 0;
for await (const listed of argil.videos.list({ limit: 10 })) {
  seen += 1;
  if (seen === 1) console.log(`  first: "${listed.name}" (${listed.status})`);
  if (seen >= 25) break; // breaking out stops fetching further pages
}
console.log(`  walked ${seen} video(s)`);

step("Handle errors by class");
try {
  // The mock answers 404 when asked to with `Prefer`; the real API does for an id it does not know.
  await argil.videos.get("00000000-0000-4000-8000-000000000000", { headers: { Prefer: "code=404" } });
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.log(`  NotFoundError (status ${error.status}, code ${error.code}): ${error.message}`);
}
try {
  // An empty event list breaks the spec's minItems: 1, so the server refuses it.
  await argil.webhooks.update(webhook.id, { events: [] });
} catch (error) {
  if (!(error instanceof BadRequestError)) throw error;
  console.log(`  BadRequestError (status ${error.status}): ${error.message}`);
}

console.log("\nDone.");
