/**
 * argon2id (RFC 9106, version 0x13) with its memory filled by our WebAssembly
 * (`wasm/argon2-fill.ts`, 128-bit SIMD); BLAKE2b for the first blocks and the tag comes
 * from @noble/hashes. Each derivation takes its memory (made ready ahead when it can,
 * `kdf-memory.ts`) and zeroes it before the key is returned, so no block derived from
 * the passphrase outlives the call.
 * @module
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { ARGON2_FILL_WASM } from './argon2-fill-wasm.ts';
import { pagesFor, takeMemory } from './kdf-memory.ts';

const BLOCK = 1024;
const VERSION = 0x13;
const ARGON2ID = 2;

/** What the filling module exports. */
interface Fill {
  fillSegment(pass: number, lane: number, slice: number, blocks: number, passes: number, lanes: number): void;
  MEMORY_OFFSET: WebAssembly.Global;
}

export interface Argon2Cost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** Compiled once per worker (asynchronously: a window's main thread refuses to compile more than 4 KB at once). */
function fillModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(Uint8Array.from(atob(ARGON2_FILL_WASM), (char) => char.charCodeAt(0)));
  compiled.catch(() => (compiled = undefined));
  return compiled;
}

const le32 = (value: number) => new Uint8Array(new Uint32Array([value]).buffer);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** H′, BLAKE2b of variable output length (RFC 9106, 3.3). */
function hashLong(length: number, input: Uint8Array): Uint8Array {
  if (length <= 64) return blake2b(concat(le32(length), input), { dkLen: length });
  const out = new Uint8Array(length);
  let block = blake2b(concat(le32(length), input));
  let offset = 0;
  while (length - offset > 64) {
    out.set(block.subarray(0, 32), offset);
    offset += 32;
    const next = length - offset > 64 ? blake2b(block) : blake2b(block, { dkLen: length - offset });
    block.fill(0);
    block = next;
  }
  out.set(block, offset);
  block.fill(0);
  return out;
}

/**
 * Derives `length` bytes from `password` and `salt` at `cost`. `memory` is for tests,
 * which look at it afterwards (instead of the prepared one); it grows to the size needed.
 * @throws when WebAssembly cannot compile here (a CSP without 'wasm-unsafe-eval', no SIMD).
 */
export async function argon2idWasm(password: Uint8Array, salt: Uint8Array, cost: Argon2Cost, length: number, memory?: WebAssembly.Memory): Promise<Uint8Array> {
  const { memoryKiB, iterations, parallelism } = cost;
  const laneLength = Math.floor(memoryKiB / (4 * parallelism)) * 4;
  const blocks = laneLength * parallelism;
  const module = await fillModule();
  const pages = pagesFor(cost);
  memory = takeMemory(pages, memory);
  const fill = (await WebAssembly.instantiate(module, { env: { memory } })).exports as unknown as Fill;
  const base = fill.MEMORY_OFFSET.value as number;
  const bytes = new Uint8Array(memory.buffer);
  const seed = blake2b(
    concat(le32(parallelism), le32(length), le32(memoryKiB), le32(iterations), le32(VERSION), le32(ARGON2ID), le32(password.length), password, le32(salt.length), salt, le32(0), le32(0)),
  );
  try {
    for (let lane = 0; lane < parallelism; lane++) {
      for (const index of [0, 1]) {
        const first = hashLong(BLOCK, concat(seed, le32(index), le32(lane)));
        bytes.set(first, base + (lane * laneLength + index) * BLOCK);
        first.fill(0);
      }
    }
    for (let pass = 0; pass < iterations; pass++) {
      for (let slice = 0; slice < 4; slice++) {
        for (let lane = 0; lane < parallelism; lane++) fill.fillSegment(pass, lane, slice, blocks, iterations, parallelism);
      }
    }
    const last = new Uint8Array(BLOCK);
    for (let lane = 0; lane < parallelism; lane++) {
      const at = base + ((lane + 1) * laneLength - 1) * BLOCK;
      for (let i = 0; i < BLOCK; i++) last[i]! ^= bytes[at + i]!;
    }
    const key = hashLong(length, last);
    last.fill(0);
    return key;
  } finally {
    seed.fill(0);
    bytes.fill(0);
  }
}
