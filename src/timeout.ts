// The deadline of one attempt: a timer that stops the attempt with an AttemptTimeout.
import type { AttemptControl } from "./attempt-control.js";
import { AttemptTimeout } from "./stop-reasons.js";

function expire(control: AttemptControl, timeoutMs: number): void {
  control.abort(new AttemptTimeout(timeoutMs));
}

/** Starts the deadline of one attempt. The caller clears the returned timer as soon as the attempt settles. */
export function startDeadline(control: AttemptControl, timeoutMs: number): ReturnType<typeof setTimeout> {
  return setTimeout(expire, timeoutMs, control, timeoutMs);
}
