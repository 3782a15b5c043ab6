import { describe, expect, it } from 'vitest';
import {
  changePassphrase,
  createVault,
  sealPayload,
  unlockVault,
} from '../../lib/vault/envelope.ts';
import { parseEnvelope } from '../../lib/vault/envelope-schema.ts';
import { emptyPayload } from '../../lib/vault/payload-schema.ts';
import { addEntry } from '../../lib/vault/entries.ts';
import { VaultError } from '../../lib/vault/errors.ts';
import { FAST_PARAMS, nextId } from './helpers.ts';

const PASSPHRASE = 'tangerine orbit kettle 42';
const SECRET = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

async function sampleVault() {
  const { payload } = addEntry(emptyPayload(), { provider: 'openai', name: 'Work laptop', secret: SECRET, notes: 'billing team' }, nextId(), 1000);
  return createVault(PASSPHRASE, payload, FAST_PARAMS);
}

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof VaultError) return error.code;
    return `unexpected ${String(error)}`;
  }
  return 'no error';
}

describe('vault envelope', () => {
  it('round-trips through storage-shaped JSON', async () => {
    const vault = await sampleVault();
    const stored = JSON.parse(JSON.stringify(vault.envelope));
    const reopened = await unlockVault(parseEnvelope(stored), PASSPHRASE);
    expect(reopened.payload).toEqual(vault.payload);
    expect(reopened.vaultKey).toEqual(vault.vaultKey);
  });

  it('keeps everything the user typed out of the stored text', async () => {
    const text = JSON.stringify((await sampleVault()).envelope);
    for (const plain of [SECRET, 'Work laptop', 'billing team', 'openai', PASSPHRASE]) {
      expect(text).not.toContain(plain);
    }
  });

  it('says a wrong passphrase is incorrect', async () => {
    const vault = await sampleVault();
    const error = await unlockVault(vault.envelope, 'not the passphrase').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('wrong-passphrase');
    expect((error as VaultError).message).toMatch(/incorrect/);
  });

  it('reports every single flipped byte of the stored text as corrupt, before any KDF', async () => {
    const vault = await sampleVault();
    const text = JSON.stringify(vault.envelope);
    const codes = new Map<string, number>();
    for (let i = 0; i < text.length; i++) {
      const flipped = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
      const code = await codeOf(() => parseEnvelope(JSON.parse(flipped)));
      const outcome = code === 'no error' ? 'undetected' : code;
      // A flip that breaks the JSON itself is caught by JSON.parse: also corruption.
      const key = outcome.startsWith('unexpected SyntaxError') ? 'corrupt' : outcome;
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
    expect([...codes.keys()]).toEqual(['corrupt']);
    expect(codes.get('corrupt')).toBe(text.length);
  });

  it('reports a forged checksum over an altered payload as corrupt, not as a wrong passphrase', async () => {
    const vault = await sampleVault();
    const next = sealPayload(vault, vault.payload);
    // Splice the older payload under the newer revision and recompute the checksum.
    const { envelopeChecksum } = await import('../../lib/vault/envelope-schema.ts');
    const spliced = { ...next.envelope, payload: vault.envelope.payload };
    const forged = { ...spliced, checksum: envelopeChecksum(spliced) };
    expect(await codeOf(unlockVault(parseEnvelope(forged), PASSPHRASE))).toBe('corrupt');
  });

  it('refuses a newer format with a clear message and lower KDF settings as corrupt', async () => {
    const vault = await sampleVault();
    const newer = { ...vault.envelope, version: 2 };
    expect(await codeOf(() => parseEnvelope(newer))).toBe('unsupported-version');
    expect(() => parseEnvelope(newer)).toThrow(/newer version/);
    const weak = { ...vault.envelope, kdf: { ...vault.envelope.kdf, memoryKiB: 1024 } };
    expect(await codeOf(() => parseEnvelope(weak))).toBe('corrupt');
    expect(await codeOf(() => parseEnvelope('text'))).toBe('corrupt');
    expect(await codeOf(() => parseEnvelope(null))).toBe('corrupt');
  });

  it('bumps the revision on every seal without running the KDF again', async () => {
    const vault = await sampleVault();
    const next = sealPayload(vault, vault.payload);
    expect(next.envelope.revision).toBe(vault.envelope.revision + 1);
    expect(next.envelope.kdf).toEqual(vault.envelope.kdf);
    expect((await unlockVault(next.envelope, PASSPHRASE)).payload).toEqual(vault.payload);
  });

  it('changes the passphrase by re-wrapping the same vault key', async () => {
    const vault = await sampleVault();
    const changed = await changePassphrase(vault, 'a brand new passphrase', FAST_PARAMS);
    expect(changed.envelope.kdf.salt).not.toBe(vault.envelope.kdf.salt);
    expect(await codeOf(unlockVault(changed.envelope, PASSPHRASE))).toBe('wrong-passphrase');
    const reopened = await unlockVault(changed.envelope, 'a brand new passphrase');
    expect(reopened.vaultKey).toEqual(vault.vaultKey);
    expect(reopened.payload).toEqual(vault.payload);
  });
});
