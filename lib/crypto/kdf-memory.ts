/**
 * The working memory of argon2id in WebAssembly (64 MiB at the default), made ready
 * ahead of an unlock. A new memory costs a page fault for each 4 KiB the first time it
 * is written: on the bench machine (a virtual one) that was about 170 of the 300 ms an
 * argon2id at 64 MiB took, and touching the memory while the user types the passphrase
 * took an unlock of 1,000 keys in the worker from ~410 to ~160 ms.
 *
 * One memory is prepared at a time; the next derivation takes it (it is then no longer
 * kept, and zeroed by that derivation before the key is returned). Preparing writes
 * only zeros, and a derivation writes nothing before its last await, so the two cannot
 * mix even when they overlap. Unused, it is let go after `KEEP_MS`.
 * @module
 */

const BLOCK = 1024;
const WASM_PAGE = 65_536;
const OS_PAGE = 4_096;
/** The scratch blocks the filling module keeps before the lanes (`MEMORY_OFFSET`). */
const SCRATCH_BLOCKS = 5;
/** How long a prepared memory waits for a derivation before it is let go. */
export const KEEP_MS = 120_000;

/** What argon2id's memory size depends on. */
export interface MemoryCost {
  memoryKiB: number;
  parallelism: number;
}

/** The WebAssembly pages a derivation at `cost` needs. */
export function pagesFor({ memoryKiB, parallelism }: MemoryCost): number {
  const blocks = Math.floor(memoryKiB / (4 * parallelism)) * 4 * parallelism;
  return Math.ceil(((SCRATCH_BLOCKS + blocks) * BLOCK) / WASM_PAGE);
}

let prepared: WebAssembly.Memory | undefined;
let letGo: ReturnType<typeof setTimeout> | undefined;

/**
 * At least `pages` pages of memory: `given` (grown if needed), else the prepared one
 * (which is then no longer kept), else a new one.
 */
export function takeMemory(pages: number, given?: WebAssembly.Memory): WebAssembly.Memory {
  const memory = given ?? prepared ?? new WebAssembly.Memory({ initial: pages });
  if (memory === prepared) {
    prepared = undefined;
    clearTimeout(letGo);
  }
  const missing = pages - memory.buffer.byteLength / WASM_PAGE;
  if (missing > 0) memory.grow(missing);
  return memory;
}

/**
 * Makes the memory of the next derivation at `cost` ready: writes a zero into each of
 * its 4 KiB pages, pausing (`pause`, see `time-slices.ts`) so that requests are answered
 * meanwhile. Stops when a derivation takes it. Resolves with the memory; never throws
 * (where WebAssembly is missing, there is nothing to prepare).
 */
export async function prepareMemory(cost: MemoryCost, pause: () => Promise<void> | undefined): Promise<WebAssembly.Memory | undefined> {
  if (typeof WebAssembly !== 'object') return undefined;
  let memory: WebAssembly.Memory;
  try {
    memory = takeMemory(pagesFor(cost));
  } catch {
    return undefined;
  }
  prepared = memory;
  letGo = setTimeout(() => prepared === memory && (prepared = undefined), KEEP_MS);
  const bytes = new Uint8Array(memory.buffer);
  for (let at = 0; at < bytes.length; at += OS_PAGE) {
    if (prepared !== memory) break;
    bytes[at] = 0;
    const waiting = pause();
    if (waiting) await waiting;
  }
  return memory;
}
