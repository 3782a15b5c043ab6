/**
 * Whether text pasted on the options page (outside its fields) is an API key, and whose:
 * a single token, or one `.env` line (`NAME=value`), that a provider's format or variable
 * name recognises. Pure: the page hands over the text and opens the add form with it.
 * @module
 */
import { detectProvider } from '../providers/detect.ts';

/** A key recognised in pasted text: its provider and the key itself. */
export interface PastedKey {
  provider: string;
  secret: string;
}

const ENV_LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(['"]?)(\S+)\2$/;
const TOKEN = /^\S{16,512}$/;

/** The key in `text` and its provider, or undefined when the text does not look like a key. */
export function pastedKey(text: string): PastedKey | undefined {
  const trimmed = text.trim();
  const line = ENV_LINE.exec(trimmed);
  const [secret, variable] = line ? [line[3]!, line[1]!] : [trimmed, undefined];
  if (!TOKEN.test(secret)) return undefined;
  const best = detectProvider(secret, variable)[0];
  return best ? { provider: best.provider, secret } : undefined;
}
