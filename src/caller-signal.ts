// Relays a caller's AbortSignal to the calls using it, with one listener per signal however many calls share it.

/** A call that stops when its caller's signal aborts. */
export interface Abortable {
  abort(reason: unknown): void;
}

// One listener per signal, not per call: 50 calls on one signal add one listener (no MaxListeners warning), and
// the last call to settle removes it, so nothing of the client stays on the caller's signal.
const callsBySignal = new WeakMap<AbortSignal, Set<Abortable>>();

function relay(this: AbortSignal): void {
  const calls = callsBySignal.get(this);
  if (calls) for (const call of calls) call.abort(this.reason);
}

/** Starts relaying `signal`'s abort to `call`; pair with {@link unwatch} when the call settles. */
export function watch(signal: AbortSignal, call: Abortable): void {
  let calls = callsBySignal.get(signal);
  if (calls === undefined) {
    calls = new Set();
    callsBySignal.set(signal, calls);
    signal.addEventListener("abort", relay);
  }
  calls.add(call);
}

/** Stops relaying to `call`, removing the listener when it was the signal's last call. */
export function unwatch(signal: AbortSignal, call: Abortable): void {
  const calls = callsBySignal.get(signal);
  if (calls === undefined || !calls.delete(call) || calls.size > 0) return;
  callsBySignal.delete(signal);
  signal.removeEventListener("abort", relay);
}
