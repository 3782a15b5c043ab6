/**
 * The words the built extension shows, read from its `_locales/en/messages.json`, so a
 * test compares what a page says with the very message it should say.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_PATH } from './extension.ts';

let messages: Record<string, { message: string }> | undefined;

/** The English message `key` (dotted, as in locales/en.yml). */
export function words(key: string): string {
  messages ??= JSON.parse(readFileSync(path.join(EXTENSION_PATH, '_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
  const message = messages[key.replaceAll('.', '_')]?.message;
  if (message === undefined) throw new Error(`no message ${key}`);
  return message;
}
