import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '../lib/background/create-background.ts';
import { DEFAULT_PARAMS } from '../lib/crypto/kdf.ts';
import { secureRandomBytes } from '../lib/crypto/random.ts';

// A classic script, not a module: WXT then builds it alone, one file with nothing split
// into chunks shared with the pages (3 KB of gzip less than the same code as a module).
export default defineBackground({
  main: () => createBackground({ browser, kdfParams: DEFAULT_PARAMS, now: Date.now, random: secureRandomBytes, fetch: globalThis.fetch.bind(globalThis) }).start(),
});
