/**
 * Reading the JSON of a provider's answer without trusting its shape: anything that
 * is not what was asked for reads as undefined.
 * @module
 */

/** The parsed body, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `value[key]` when `value` is an object, else undefined. */
export const get = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** The trimmed string, or undefined for anything else or an empty one. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
