/**
 * Byte encodings for the stored envelope: strict base64 and UTF-8.
 * @module
 */

/** Thrown when stored text is not the canonical base64 of some bytes. */
export class EncodingError extends Error {
  override name = 'EncodingError';
}

/** Encodes bytes as standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Decodes standard base64. Refuses anything that does not re-encode to the same text,
 * so two different stored strings never decode to the same bytes.
 * @throws EncodingError naming `what` when the text is not canonical base64.
 */
export function fromBase64(text: string, what = 'value'): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new EncodingError(`${what} is not valid base64`);
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  if (toBase64(bytes) !== text) throw new EncodingError(`${what} is not canonical base64`);
  return bytes;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Encodes a string as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8 bytes; throws TypeError on invalid sequences. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
