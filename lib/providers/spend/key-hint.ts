/**
 * Matching the keys an organization lists to the keys in the vault by the provider's own
 * hint: OpenAI's `redacted_value` (`sk-abc...def`, `sk-proj-...9f2c`), Anthropic's
 * `partial_key_hint` (`sk-ant-api03-R2D...igAA`), OpenRouter's `label`
 * (`sk-or-v1-au7...890`). A hint is the key's first and last characters around an
 * ellipsis. A match must be unique both ways; entries holding the very same key count as
 * one key. Pure: nothing leaves this function.
 * @module
 */

/** The known start and end of a key, or undefined for text that is not a usable hint. */
export function parseHint(hint: string): { start: string; end: string } | undefined {
  const parts = hint.trim().split(/\.{3,}|…|\*{3,}/);
  if (parts.length !== 2) return undefined;
  const [start, end] = parts as [string, string];
  // Too little to tell keys apart (an end of one character matches a sixteenth of all keys).
  if (end.length < 2 || start.length + end.length < 6) return undefined;
  return { start, end };
}

/** Whether `secret` fits `hint`. */
export function fitsHint(secret: string, hint: string): boolean {
  const parsed = parseHint(hint);
  return !!parsed && secret.length >= parsed.start.length + parsed.end.length + 4 && secret.startsWith(parsed.start) && secret.endsWith(parsed.end);
}

/**
 * Pairs vault keys with listed keys: entry id → listed id, only where a listed hint fits
 * exactly one distinct secret and that secret fits no other listed hint.
 */
export function matchByHint(keys: readonly { id: string; secret: string }[], listed: readonly { id: string; hint: string }[]): Map<string, string> {
  const secrets = [...new Set(keys.map((key) => key.secret).filter(Boolean))];
  const listedFor = new Map<string, string[]>(secrets.map((secret) => [secret, []]));
  for (const item of listed) {
    const fitting = secrets.filter((secret) => fitsHint(secret, item.hint));
    if (fitting.length === 1) listedFor.get(fitting[0]!)!.push(item.id);
  }
  const matches = new Map<string, string>();
  for (const key of keys) {
    const ids = listedFor.get(key.secret) ?? [];
    if (ids.length === 1) matches.set(key.id, ids[0]!);
  }
  return matches;
}
