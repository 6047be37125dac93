/**
 * Waits `ms`, or less when the signal aborts. Removes its abort listener either way: callers
 * pause once per retry on one long-lived signal, and listeners left behind would pile up on it
 * (Node's MaxListenersExceededWarning).
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
