/**
 * Long work in the worker, cut into slices: a request that arrives meanwhile (the popup
 * opening while a batch of check results is sealed) waits for the slice that is running,
 * not for the whole of the work. On a loaded machine sealing one batch took 100–150 ms.
 * @module
 */

/** How long the worker works before it lets waiting tasks run. */
export const SLICE_MS = 8;

// A message to itself: the next task without a timer's clamp (nested timeouts wait ≥ 4 ms).
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}

/**
 * A pause for work done in steps: undefined (go on) until `sliceMs` have passed since
 * the slice began, then a promise of the next task, after which a new slice begins.
 */
export function timeSlices(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return nextTask().then(() => void (sliceStart = performance.now()));
  };
}
