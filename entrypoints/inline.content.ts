import { defineContentScript } from 'wxt/utils/define-content-script';
import { ask } from '../lib/client.ts';
import { curatedMatchPatterns, consoleProviders } from '../lib/fill/sites.ts';
import { startInlineOffer } from '../lib/fill/dom/inline-offer.ts';
import { watchForNewKeys } from '../lib/fill/dom/capture-watch.ts';
import { PROVIDERS } from '../lib/providers/catalog.ts';

// Runs on the curated sites (provider consoles, BYOK apps) and, registered at run time,
// on the sites the user turned the offer on for. It asks the background for everything.
export default defineContentScript({
  matches: curatedMatchPatterns(),
  allFrames: true,
  runAt: 'document_idle',
  main() {
    startInlineOffer(document, {
      listKeys: (providers) => ask('inlineKeys', { providers: providers.slice(0, 8) }),
      pickKey: (id) => ask('inlineFill', { id }),
    });
    const here = consoleProviders(location.href);
    const consoles = PROVIDERS.filter(({ id }) => here.includes(id));
    if (consoles.length === 0 || window !== window.top) return;
    const formats = consoles.flatMap(({ keyPatterns }) => keyPatterns.filter(({ ambiguous }) => !ambiguous).map(({ pattern }) => new RegExp(pattern)));
    watchForNewKeys(document, formats, consoles[0]!.name, (secret) => ask('captureKey', { secret }));
  },
});
