import { describe, expect, it } from 'vitest';
import { createVault, openSealedVault, openVault, sealChanges, sealChangesInSlices, unlockSealedVault, unlockVault, unwrapVaultKey } from '../../lib/vault/envelope.ts';
import { readSealedVault } from '../../lib/vault/sealed-vault.ts';
import { changePassphrase } from '../../lib/vault/key-change.ts';
import { decodePage, openDecodedPage } from '../../lib/vault/pages.ts';
import formatOne from '../fixtures/vault-format-1.json' with { type: 'json' };
import { HEADER_KEY, headerChecksum, parseHeader, parsePages, type StoredItems } from '../../lib/vault/envelope-schema.ts';
import { emptyPayload } from '../../lib/vault/payload-schema.ts';
import { addEntry, deleteEntry, updateEntry } from '../../lib/vault/entries.ts';
import { VaultError } from '../../lib/vault/errors.ts';
import { say } from '../../lib/say.ts';
import { fromBase64, toBase64 } from '../../lib/crypto/encoding.ts';
import { FAST_PARAMS } from './helpers.ts';

const PASSPHRASE = 'tangerine orbit kettle 42';
const SECRET = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

// Ids in different pages (a page is named by an id's first byte).
const FIRST_ID = `aa${'1'.repeat(30)}`;
const SECOND_ID = `bb${'2'.repeat(30)}`;
const pageKey = (id: string) => `page.${id.slice(0, 2)}`;

async function sampleVault() {
  const first = addEntry(emptyPayload(), { provider: 'openai', name: 'Work laptop', secret: SECRET, notes: 'billing team' }, FIRST_ID, 1000);
  const second = addEntry(first.payload, { provider: 'groq', name: 'Hobby', secret: 'gsk_hobby_key_123456' }, SECOND_ID, 2000);
  const created = await createVault(PASSPHRASE, second.payload, FAST_PARAMS);
  return { ...created, ids: [first.entry.id, second.entry.id] as const };
}

/** The stored items as storage would give them back. */
const stored = (items: StoredItems): StoredItems => JSON.parse(JSON.stringify(items));

async function codeOf(run: (() => unknown) | Promise<unknown>): Promise<string> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (error) {
    if (error instanceof VaultError) return error.code;
    return `unexpected ${String(error)}`;
  }
  return 'no error';
}

/** The vault error `run` throws. */
function errorOf(run: () => unknown): VaultError {
  try {
    run();
  } catch (error) {
    if (error instanceof VaultError) return error;
  }
  throw new Error('no vault error');
}

/** Every way of flipping one character of `text`, parsed back. */
function* flips(text: string): Generator<unknown> {
  for (let i = 0; i < text.length; i++) {
    const flipped = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
    try {
      yield JSON.parse(flipped);
    } catch {
      yield undefined; // broken JSON: storage would never hold it, but count it as damage
    }
  }
}

describe('vault envelope', () => {
  it('round-trips through storage', async () => {
    const { vault, writes } = await sampleVault();
    const reopened = await unlockVault(stored(writes), PASSPHRASE);
    expect(reopened.payload).toEqual(vault.payload);
    expect(reopened.vaultKey).toEqual(vault.vaultKey);
  });

  it('keeps everything the user typed out of storage', async () => {
    const text = JSON.stringify((await sampleVault()).writes);
    for (const plain of [SECRET, 'Work laptop', 'billing team', 'openai', 'groq', PASSPHRASE]) expect(text).not.toContain(plain);
  });

  it('says a wrong passphrase is incorrect', async () => {
    const { writes } = await sampleVault();
    const error = await unlockVault(writes, 'not the passphrase').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('wrong-passphrase');
    expect(say((error as VaultError).words)).toMatch(/incorrect/);
  });

  it('reports every flipped character of the header as corrupt, before any KDF runs', async () => {
    const { writes } = await sampleVault();
    const text = JSON.stringify(writes[HEADER_KEY]);
    const codes: string[] = [];
    for (const header of flips(text)) codes.push(await codeOf(() => parseHeader(header)));
    expect(codes).toHaveLength(text.length);
    // Flipping the version digit 2 → 3 reads as a newer format, which says so; everything else is damage.
    expect(codes.filter((code) => code !== 'corrupt')).toEqual(['unsupported-version']);
  });

  it('reports every flipped character of a page as corrupt, not as a wrong passphrase', async () => {
    const { writes, vault, ids } = await sampleVault();
    const key = pageKey(ids[0]);
    const text = JSON.stringify(writes[key]);
    for (const record of flips(text)) {
      const damaged = { ...stored(writes), [key]: record };
      expect(await codeOf(() => openVault(damaged, vault.vaultKey))).toBe('corrupt');
    }
  });

  it('reports every flipped byte, every truncation and every extension of a sealed page as corrupt', async () => {
    const { writes, vault, ids } = await sampleVault();
    const key = pageKey(ids[0]);
    const sealed = stored(writes)[key] as { nonce: string; ciphertext: string };
    const variants: unknown[] = [];
    for (const field of ['nonce', 'ciphertext'] as const) {
      const bytes = fromBase64(sealed[field]);
      for (let i = 0; i < bytes.length; i++) {
        const flipped = bytes.slice();
        flipped[i]! ^= 0xff;
        variants.push({ ...sealed, [field]: toBase64(flipped) });
      }
      for (let length = 0; length < bytes.length; length++) variants.push({ ...sealed, [field]: toBase64(bytes.slice(0, length)) });
      for (const extra of [1, 2, 16, 1024]) variants.push({ ...sealed, [field]: toBase64(new Uint8Array([...bytes, ...new Uint8Array(extra)])) });
    }
    for (const record of variants) {
      expect(await codeOf(() => openVault({ ...stored(writes), [key]: record }, vault.vaultKey))).toBe('corrupt');
    }
    // Recorded for the README's figures: the page is a 24-byte nonce and its ciphertext.
    expect(variants.length).toBe(2 * (24 + fromBase64(sealed.ciphertext).length) + 8);
  });

  it('reads a sealed vault ahead of the key, and a damaged page read that way still refuses to open, after a wrong passphrase is told', async () => {
    const { writes, vault, ids } = await sampleVault();
    const ahead = readSealedVault(stored(writes));
    expect(openSealedVault(ahead, vault.vaultKey).payload).toEqual(vault.payload);
    const key = pageKey(ids[0]);
    const record = stored(writes)[key] as { nonce: string; ciphertext: string };
    const flipped = (record.ciphertext[0] === 'A' ? 'B' : 'A') + record.ciphertext.slice(1);
    const damaged = [
      { ...record, ciphertext: flipped },
      { ...record, ciphertext: `${record.ciphertext} ` },
      { ...record, nonce: `${record.nonce.slice(0, -4)}QR==` }, // not canonical base64
      { ...record, extra: 1 },
    ];
    for (const page of damaged) {
      const sealed = readSealedVault({ ...stored(writes), [key]: page });
      expect(await codeOf(unlockSealedVault(sealed, 'not the passphrase'))).toBe('wrong-passphrase');
      expect(await codeOf(unlockSealedVault(sealed, PASSPHRASE))).toBe('corrupt');
      expect(await codeOf(() => openSealedVault(sealed, vault.vaultKey))).toBe('corrupt');
    }
  });

  it('reports a truncated or extended header as corrupt, before any KDF runs', async () => {
    const { writes } = await sampleVault();
    const header = stored(writes)[HEADER_KEY] as Record<string, unknown> & { key: { ciphertext: string }; meta: { ciphertext: string } };
    const text = JSON.stringify(header);
    for (let length = 0; length < text.length; length++) {
      const cut = (() => {
        try {
          return JSON.parse(text.slice(0, length)) as unknown;
        } catch {
          return undefined;
        }
      })();
      expect(await codeOf(() => parseHeader(cut))).toBe('corrupt');
    }
    for (const sealed of ['key', 'meta'] as const) {
      const ciphertext = fromBase64(header[sealed].ciphertext);
      for (const changed of [ciphertext.slice(0, -1), new Uint8Array([...ciphertext, 0])]) {
        expect(await codeOf(() => parseHeader({ ...header, [sealed]: { ...header[sealed], ciphertext: toBase64(changed) } }))).toBe('corrupt');
      }
    }
    expect(await codeOf(() => parseHeader({ ...header, extra: 1 }))).toBe('corrupt');
  });

  it('detects pages dropped, added, swapped or rolled back, even with a recomputed checksum', async () => {
    const { writes, vault, ids } = await sampleVault();
    const [a, b] = ids.map(pageKey) as [string, string];
    const edited = sealChanges(vault, updateEntry(vault.payload, ids[0], { notes: 'new' }, 3000).payload);
    const now = stored({ ...writes, ...edited.writes });
    const { [a]: _dropped, ...withoutA } = now;
    const attacks: Record<string, StoredItems> = {
      dropped: withoutA,
      added: { ...now, 'page.ff': now[b] },
      swapped: { ...now, [a]: now[b], [b]: now[a] },
      'rolled back': { ...now, [a]: stored(writes)[a] },
    };
    for (const [name, items] of Object.entries(attacks)) {
      expect(await codeOf(() => openVault(items, vault.vaultKey)), name).toBe('corrupt');
    }
    // An older meta under the newer revision, checksum recomputed: the meta is bound to its revision.
    const newer = now[HEADER_KEY] as ReturnType<typeof parseHeader>;
    const spliced = { ...newer, meta: (writes[HEADER_KEY] as typeof newer).meta };
    const forged = { ...now, [HEADER_KEY]: { ...spliced, checksum: headerChecksum(spliced) } };
    expect(await codeOf(unlockVault(forged, PASSPHRASE))).toBe('corrupt');
    expect((await unlockVault(now, PASSPHRASE)).payload.entries[0]?.notes).toBe('new');
  });

  it('refuses a newer format with a clear message, and KDF settings below the minimum', async () => {
    const header = (await sampleVault()).writes[HEADER_KEY] as object;
    expect(await codeOf(() => parseHeader({ ...header, version: 3 }))).toBe('unsupported-version');
    expect(say((errorOf(() => parseHeader({ ...header, version: 3 }))).words)).toMatch(/newer version of AI Key Vault \(format 3\)/);
    const kdf = (header as { kdf: object }).kdf;
    expect(await codeOf(() => parseHeader({ ...header, kdf: { ...kdf, memoryKiB: 1024 } }))).toBe('corrupt');
    expect(await codeOf(() => parseHeader({ ...header, kdf: { ...kdf, iterations: 1 } }))).toBe('corrupt');
    for (const junk of ['text', null, [], {}]) expect(await codeOf(() => parseHeader(junk))).toBe('corrupt');
  });

  it('writes only the changed page and the header for an edit, without the KDF', async () => {
    const { vault, ids } = await sampleVault();
    const change = sealChanges(vault, updateEntry(vault.payload, ids[1], { name: 'Renamed' }, 3000).payload);
    expect(Object.keys(change.writes).sort()).toEqual([pageKey(ids[1]), HEADER_KEY].sort());
    expect(change.vault.header.revision).toBe(vault.header.revision + 1);
    expect(change.vault.header.kdf).toEqual(vault.header.kdf);
  });

  it('seals a change in slices, waiting where the pause asks, to the same vault as in one go', async () => {
    const { vault, writes, ids } = await sampleVault();
    const renamed = updateEntry(vault.payload, ids[0], { name: 'Renamed' }, 3000).payload;
    const payload = updateEntry(renamed, ids[1], { name: 'Renamed too' }, 3000).payload;
    let waited = 0;
    const change = await sealChangesInSlices(vault, payload, () => new Promise<void>((resolve) => setTimeout(() => ((waited += 1), resolve()), 1)));
    expect(waited).toBe(2); // once after each changed page
    expect(Object.keys(change.writes).sort()).toEqual([pageKey(ids[0]), pageKey(ids[1]), HEADER_KEY].sort());
    const reopened = openVault(stored({ ...writes, ...change.writes }), vault.vaultKey);
    expect(reopened.payload.entries.map((e) => e.name).sort()).toEqual(['Renamed', 'Renamed too']);
    const inOneGo = sealChanges(vault, payload);
    expect(Object.keys(inOneGo.writes).sort()).toEqual(Object.keys(change.writes).sort());
  });

  it('replaces a deleted entry by its tombstone in the same page', async () => {
    const { vault, writes, ids } = await sampleVault();
    const change = sealChanges(vault, deleteEntry(vault.payload, ids[0], 4000));
    expect(Object.keys(change.writes).sort()).toEqual([pageKey(ids[0]), HEADER_KEY].sort());
    const reopened = openVault(stored({ ...writes, ...change.writes }), vault.vaultKey);
    expect(reopened.payload.entries.map((e) => e.id)).toEqual([ids[1]]);
    expect(reopened.payload.tombstones).toEqual([{ id: ids[0], deletedAt: 4000 }]);
  });

  it('changes the passphrase by moving every record to a new vault key, in one write: the old passphrase and an old header open nothing written since', async () => {
    const { vault, writes } = await sampleVault();
    const changed = await changePassphrase(vault, 'a brand new passphrase', FAST_PARAMS);
    expect(Object.keys(changed.writes).sort()).toEqual(Object.keys(writes).sort());
    const items = stored({ ...writes, ...changed.writes });
    expect(await codeOf(unlockVault(items, PASSPHRASE))).toBe('wrong-passphrase');
    const reopened = await unlockVault(items, 'a brand new passphrase');
    expect(reopened.payload).toEqual(vault.payload);
    expect(reopened.vaultKey).not.toEqual(vault.vaultKey);
    // The old header, kept somewhere (a profile backup, an old sync item), with the old passphrase:
    const oldKey = await unwrapVaultKey(parseHeader(writes[HEADER_KEY]), PASSPHRASE);
    for (const [name, sealed] of parsePages(items)) expect(await codeOf(() => openDecodedPage(oldKey, name, decodePage(sealed)))).toBe('corrupt');
    expect(await codeOf(() => openVault({ ...items, [HEADER_KEY]: writes[HEADER_KEY] }, oldKey))).toBe('corrupt');
  });

  it('opens a vault written in format 1 (one record per entry), and seals it in pages', async () => {
    const items = stored(formatOne.items);
    const vault = await unlockVault(items, formatOne.passphrase);
    expect(vault.payload.entries.map((e) => [e.name, e.notes])).toEqual([['Format one key', 'written by format 1'], ['Second', '']]);
    expect(vault.payload.tombstones.map((t) => t.id)).toEqual(['c3'.repeat(16)]);
    const upgraded = sealChanges(vault, vault.payload);
    expect(Object.keys(upgraded.writes).sort()).toEqual(['page.a1', 'page.b2', 'page.c3', HEADER_KEY]);
    const reopened = await unlockVault(stored({ [HEADER_KEY]: upgraded.writes[HEADER_KEY], ...upgraded.writes }), formatOne.passphrase);
    expect(reopened.header.version).toBe(2);
    expect(reopened.payload).toEqual(vault.payload);
  });
});
