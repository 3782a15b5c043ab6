/**
 * Names are unique per provider, case-insensitively: this finds a free one.
 * @module
 */

/** `base`, or `base 2`, `base 3`… whichever is not in `taken` (lower-cased names); adds it to `taken`. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The lower-cased names a provider's keys already use. */
export function namesOf(entries: readonly { provider: string; name: string }[], provider: string): Set<string> {
  return new Set(entries.filter((e) => e.provider === provider).map((e) => e.name.toLowerCase()));
}
