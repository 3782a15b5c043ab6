/**
 * The fake browser answers `i18n.getMessage` from locales/en.yml, as a built extension
 * answers from its _locales/en/messages.json, so code under test reads real words.
 * @module
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

const messages = generateChromeMessages(await parseMessagesFile('locales/en.yml'));

fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | (string | number)[]) => {
  const values = substitutions === undefined ? [] : ([] as (string | number)[]).concat(substitutions).map(String);
  const message = messages[name]?.message ?? '';
  return message.replace(/\$(\d|\$)/g, (_, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
};
