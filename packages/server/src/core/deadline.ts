// Waiting for work that must not outlive a signal: whatever the work does with the signal (a
// connector that ignores it, a stalled socket), the wait ends when the signal aborts.

/** Resolves or rejects as `work` does, or rejects with the signal's reason once it aborts. */
export function settleBefore<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // settles later; nobody is waiting for it any more
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
