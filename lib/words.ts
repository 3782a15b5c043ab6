/**
 * Words by reference: a message of locales/en.yml named by its key, with the values for
 * its `$1`, `$2`… (and a count, for a plural message). Pure modules say what they mean
 * this way, as they may not call the browser's i18n; the page or the background that
 * shows it turns it into the reader's language (`say.ts`).
 * @module
 */
import type { GeneratedI18nStructure } from '#i18n';

/** The key of a message of locales/en.yml. */
export type MessageKey = Exclude<keyof GeneratedI18nStructure & string, `@@${string}`>;

/** What fills a `$n`: a name or number as it is, or words of their own (said first). */
export type WordsValue = string | number | Words;

/** A message by key, with its substitutions and, for a plural message, its count. */
export interface Words {
  readonly key: MessageKey;
  readonly values?: readonly WordsValue[];
  readonly count?: number;
}

/** Someone else's text (a provider's own message, a figure), kept as it came, or our words. */
export type TextOrWords = string | Words;

/** An error whose message is our words: people read `words`; the error's own message is their key, for logs. */
export class WordsError extends Error {
  constructor(readonly words: Words) {
    super(words.key);
  }
}

/** The words of message `key` with `values` for its `$1`, `$2`…. */
export function words(key: MessageKey, ...values: WordsValue[]): Words {
  return values.length ? { key, values } : { key };
}
