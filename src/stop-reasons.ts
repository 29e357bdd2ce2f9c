// Why an attempt was stopped before it finished: its deadline passed, or its caller aborted it.

/** Why an attempt stopped when it ran past `timeoutMs`; tells a timeout apart from the caller's abort. */
export class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`no complete response within timeoutMs (${timeoutMs} ms)`);
    this.timeoutMs = timeoutMs;
  }
}

/** What an attempt's waits reject with when the caller's signal aborted it; `reason` is the signal's reason. */
export class AbortedByCaller {
  constructor(readonly reason: unknown) {}
}
