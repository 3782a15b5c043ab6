import { describe, expect, it } from 'vitest';
import { open, seal, AuthenticationError } from '../../lib/crypto/aead.ts';
import { deriveKey, MINIMUM_PARAMS } from '../../lib/crypto/kdf.ts';
import { fromBase64, toBase64 } from '../../lib/crypto/encoding.ts';
import { bytesToHex, hexToBytes } from '@noble/ciphers/utils.js';
import { argon2id } from '@noble/hashes/argon2.js';

describe('argon2id', () => {
  it('pins the JavaScript reference to the RFC 9106 §5.3 argon2id vector', () => {
    const tag = argon2id(new Uint8Array(32).fill(1), new Uint8Array(16).fill(2), {
      m: 32,
      t: 3,
      p: 4,
      key: new Uint8Array(8).fill(3),
      personalization: new Uint8Array(12).fill(4),
      dkLen: 32,
    });
    expect(bytesToHex(tag)).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
  });

  it('gives the same key from the WebAssembly and JavaScript engines', async () => {
    const salt = new TextEncoder().encode('somesaltsomesalt');
    const params = { memoryKiB: 19 * 1024 + 7, iterations: 3, parallelism: 2 };
    const wasm = await deriveKey('password', salt, params, 'wasm');
    const js = await deriveKey('password', salt, params, 'js');
    expect(bytesToHex(wasm)).toBe(bytesToHex(js));
    expect(wasm).toHaveLength(32);
  });

  it('normalises the passphrase so composed and decomposed accents derive the same key', async () => {
    const salt = new Uint8Array(16).fill(1);
    const composed = await deriveKey('caf\u00e9 passphrase', salt, MINIMUM_PARAMS);
    const decomposed = await deriveKey('cafe\u0301 passphrase', salt, MINIMUM_PARAMS);
    expect(bytesToHex(composed)).toBe(bytesToHex(decomposed));
  });

  it('refuses parameters below the OWASP minimum and bad salts, naming them', async () => {
    const salt = new Uint8Array(16);
    await expect(deriveKey('x', salt, { ...MINIMUM_PARAMS, memoryKiB: 1024 })).rejects.toThrow(/memoryKiB/);
    await expect(deriveKey('x', salt, { ...MINIMUM_PARAMS, iterations: 1 })).rejects.toThrow(/iterations/);
    await expect(deriveKey('x', new Uint8Array(8), MINIMUM_PARAMS)).rejects.toThrow(/salt/);
  });
});

describe('XChaCha20-Poly1305', () => {
  const key = hexToBytes('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
  const nonce = hexToBytes('404142434445464748494a4b4c4d4e4f5051525354555657');
  const ad = hexToBytes('50515253c0c1c2c3c4c5c6c7');
  const plaintext = new TextEncoder().encode(
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
  );

  it('produces the draft-irtf-cfrg-xchacha §A.3.1 known answer', () => {
    const sealed = seal(key, plaintext, ad, () => nonce);
    expect(bytesToHex(sealed.ciphertext.slice(-16))).toBe('c0875924c1c7987947deafd8780acf49');
    expect(bytesToHex(sealed.ciphertext.slice(0, 16))).toBe('bd6d179d3e83d43b9576579493c0e939');
    expect(open(key, sealed, ad)).toEqual(plaintext);
  });

  it('uses a fresh nonce per seal', () => {
    const a = seal(key, plaintext, ad);
    const b = seal(key, plaintext, ad);
    expect(bytesToHex(a.nonce)).not.toBe(bytesToHex(b.nonce));
  });

  it('refuses altered ciphertext, nonce or associated data', () => {
    const sealed = seal(key, plaintext, ad);
    const flipped = sealed.ciphertext.slice();
    flipped[3]! ^= 1;
    expect(() => open(key, { ...sealed, ciphertext: flipped }, ad)).toThrow(AuthenticationError);
    const otherNonce = sealed.nonce.slice();
    otherNonce[0]! ^= 1;
    expect(() => open(key, { ...sealed, nonce: otherNonce }, ad)).toThrow(AuthenticationError);
    expect(() => open(key, sealed, new Uint8Array(1))).toThrow(AuthenticationError);
  });
});

describe('base64', () => {
  it('round-trips and refuses non-canonical text', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(() => fromBase64('QR==')).toThrow(/canonical/); // 'QQ==' is the canonical form
    expect(() => fromBase64('!!!!')).toThrow(/base64/);
  });
});

describe('base64 against the platform codec', () => {
  it('agrees with Buffer on every length from 0 to 64 and on random bytes', () => {
    for (let length = 0; length <= 64; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const expected = Buffer.from(bytes).toString('base64');
      expect(toBase64(bytes)).toBe(expected);
      expect(fromBase64(expected)).toEqual(bytes);
    }
  });

  it('refuses padding in the middle, stray characters, wrong lengths and non-zero padding bits', () => {
    for (const bad of ['QQ==QQ==', 'QQ=A', 'Q===', 'QQ', 'QUJD\n', 'QU JD', 'QUJ=', 'QUI=x', 'é===']) {
      expect(() => fromBase64(bad), bad).toThrow(/base64/);
    }
    expect(fromBase64('QUI=')).toEqual(new Uint8Array([65, 66]));
  });
});
