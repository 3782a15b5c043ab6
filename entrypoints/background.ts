import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '../lib/background/create-background.ts';
import { DEFAULT_PARAMS } from '../lib/crypto/kdf.ts';
import { secureRandomBytes } from '../lib/crypto/random.ts';

export default defineBackground({
  type: 'module',
  main: () => createBackground({ browser, kdfParams: DEFAULT_PARAMS, now: Date.now, random: secureRandomBytes, fetch: globalThis.fetch.bind(globalThis) }).start(),
});
