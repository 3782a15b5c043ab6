import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { argon2id } from '@noble/hashes/argon2.js';
import { argon2idWasm } from '../../lib/crypto/argon2id.ts';
import { ARGON2_FILL_WASM } from '../../lib/crypto/argon2-fill-wasm.ts';

// Our WebAssembly argon2id against @noble/hashes' JavaScript one, which crypto.test.ts
// pins to the RFC 9106 vector.
describe('argon2id in WebAssembly', () => {
  it('derives what the JavaScript reference derives, for any lanes, passes, memory, lengths and inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 600 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ minLength: 8, maxLength: 32 }),
        fc.integer({ min: 4, max: 150 }),
        async (parallelism, iterations, extraKiB, password, salt, length) => {
          const memoryKiB = 8 * parallelism + extraKiB; // RFC 9106's least: 8 KiB per lane
          const ours = await argon2idWasm(password, salt, { memoryKiB, iterations, parallelism }, length);
          const reference = argon2id(password, salt, { m: memoryKiB, t: iterations, p: parallelism, dkLen: length });
          expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(reference).toString('hex'));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('leaves nothing derived from the passphrase in its memory', async () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const key = await argon2idWasm(new TextEncoder().encode('a long enough passphrase'), new Uint8Array(16).fill(9), { memoryKiB: 256, iterations: 2, parallelism: 1 }, 32, memory);
    expect(key.some((byte) => byte !== 0)).toBe(true);
    expect(memory.buffer.byteLength).toBeGreaterThan(256 * 1024);
    expect(new Uint8Array(memory.buffer).every((byte) => byte === 0)).toBe(true);
  });

  it('runs the WebAssembly that wasm/argon2-fill.ts compiles to (npm run build:wasm)', () => {
    const built = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--print'], { encoding: 'utf8' });
    expect(built).toBe(ARGON2_FILL_WASM);
  }, 60_000);
});
