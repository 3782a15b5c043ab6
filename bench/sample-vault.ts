/** Vaults of realistic entries, sealed by the real vault code, for the benchmarks. */
import { bytesToHex } from '@noble/ciphers/utils.js';
import { createVault, type SealedChange } from '../lib/vault/envelope.ts';
import { addEntry } from '../lib/vault/entries.ts';
import { emptyPayload, type Payload } from '../lib/vault/payload-schema.ts';
import type { Argon2idParams } from '../lib/crypto/kdf.ts';

const PROVIDERS = ['openai', 'anthropic', 'gemini', 'groq', 'mistral', 'openrouter'];

function randomKey(length: number): string {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(length))).slice(0, length);
}

/** A payload of `count` entries shaped like real ones (names, keys, tags, notes), optionally all at one endpoint. */
export function samplePayload(count: number, openaiEndpoint?: string): Payload {
  let payload = emptyPayload();
  for (let i = 0; i < count; i++) {
    const provider = openaiEndpoint ? 'openai' : PROVIDERS[i % PROVIDERS.length]!;
    const input = {
      provider,
      ...(openaiEndpoint ? { endpoint: openaiEndpoint } : {}),
      name: `${provider} key ${i}`,
      secret: `sk-${randomKey(96)}`,
      tags: i % 2 ? ['prod'] : ['dev', 'personal'],
      notes: i % 3 ? '' : 'Rotated by the platform team; billing account 4411.',
    };
    // Spread like real random ids: the first byte picks the page a record is sealed in.
    const id = ((i * 2_654_435_761) >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(24, '0');
    payload = addEntry(payload, input, id, 1_700_000_000_000 + i).payload;
  }
  return payload;
}

export function sampleVault(count: number, passphrase: string, params: Argon2idParams, openaiEndpoint?: string): Promise<SealedChange> {
  return createVault(passphrase, samplePayload(count, openaiEndpoint), params);
}
