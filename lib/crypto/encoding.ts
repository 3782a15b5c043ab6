/**
 * Byte encodings for the stored envelope: strict base64 and UTF-8. The base64 codec
 * works on typed arrays with lookup tables: the vault's ciphertext is hundreds of
 * kilobytes, and btoa/atob over binary strings cost ten times the cipher itself.
 * @module
 */

/** Thrown when stored text is not the canonical base64 of some bytes. */
export class EncodingError extends Error {
  override name = 'EncodingError';
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ENCODE.length; i++) DECODE[ENCODE[i]!] = i;

const encoder = new TextEncoder();
const asciiDecoder = new TextDecoder('ascii');
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Encodes bytes as standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[n >> 18]!;
    out[o++] = ENCODE[(n >> 12) & 63]!;
    out[o++] = ENCODE[(n >> 6) & 63]!;
    out[o++] = ENCODE[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = ENCODE[n >> 18]!;
    out[o++] = ENCODE[(n >> 12) & 63]!;
    out[o++] = rest === 2 ? ENCODE[(n >> 6) & 63]! : PAD;
    out[o] = PAD;
  }
  return asciiDecoder.decode(out);
}

/**
 * Decodes standard base64 with padding. Refuses anything that is not the canonical
 * encoding (wrong length, stray characters, non-zero padding bits), so two different
 * stored strings never decode to the same bytes.
 * @throws EncodingError naming `what`.
 */
export function fromBase64(text: string, what = 'value'): Uint8Array {
  const chars = encoder.encode(text);
  if (chars.length % 4 !== 0 || chars.length !== text.length) throw new EncodingError(`${what} is not valid base64`);
  const padding = chars.length === 0 ? 0 : chars[chars.length - 1] === PAD ? (chars[chars.length - 2] === PAD ? 2 : 1) : 0;
  const out = new Uint8Array((chars.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < chars.length; i += 4) {
    const last = i + 4 === chars.length;
    const a = DECODE[chars[i]!]!;
    const b = DECODE[chars[i + 1]!]!;
    const c = last && padding === 2 ? 0 : DECODE[chars[i + 2]!]!;
    const d = last && padding >= 1 ? 0 : DECODE[chars[i + 3]!]!;
    if ((a | b | c | d) < 0) throw new EncodingError(`${what} is not valid base64`);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
    if (last && ((padding === 1 && (n & 0xff) !== 0) || (padding === 2 && (n & 0xffff) !== 0))) {
      throw new EncodingError(`${what} is not canonical base64`);
    }
  }
  return out;
}

/** Encodes a string as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8 bytes; throws TypeError on invalid sequences. */
export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/**
 * JSON with every object's keys in sorted order, so equal content gives equal text
 * whatever order its fields were built or stored in (what a MAC or a stamp is taken over).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
