// The deadline of one attempt: a timer that stops the attempt with an AttemptTimeout.
import type { AttemptControl } from "./attempt-control.js";

/** Why an attempt stopped when it ran past `timeoutMs`; tells a timeout apart from the caller's abort. */
export class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`no complete response within timeoutMs (${timeoutMs} ms)`);
    this.timeoutMs = timeoutMs;
  }
}

function expire(control: AttemptControl, timeoutMs: number): void {
  control.abort(new AttemptTimeout(timeoutMs));
}

/** Starts the deadline of one attempt. The caller clears the returned timer as soon as the attempt settles. */
export function startDeadline(control: AttemptControl, timeoutMs: number): ReturnType<typeof setTimeout> {
  return setTimeout(expire, timeoutMs, control, timeoutMs);
}
