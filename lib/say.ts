/**
 * Turns words by reference (`words.ts`) into the reader's language, in the pages and the
 * background (extension contexts, where the browser's i18n answers).
 * @module
 */
import { i18n } from '#i18n';
import type { TextOrWords, Words, WordsValue } from './words.ts';

const said = (value: WordsValue): string | number => (typeof value === 'object' ? say(value) : value);

/** The message `words` names, in the reader's language, its values in place. */
export function say({ key, values, count }: Words): string {
  // The key is known only at run time here, so the per-key typing of `t` cannot apply.
  const t = i18n.t as unknown as (key: string, ...args: (number | (string | number)[])[]) => string;
  const substitutions = values?.map(said);
  if (count === undefined) return t(key, substitutions ?? []);
  // Without values of its own, a plural message's $1 is the count.
  return substitutions ? t(key, count, substitutions) : t(key, count);
}

/** `text` as it came, or our words said. */
export function sayOrQuote(text: TextOrWords): string {
  return typeof text === 'string' ? text : say(text);
}
