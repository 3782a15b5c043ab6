import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ask } from '../lib/client.ts';
import { curatedMatchPatterns, consoleProviders } from '../lib/fill/sites.ts';
import { startInlineOffer } from '../lib/fill/dom/inline-offer.ts';
import { watchForNewKeys } from '../lib/fill/dom/capture-watch.ts';
import { isPickDelivery, MENU_PAGE_PATH } from '../lib/fill/inline-pick.ts';
import { PROVIDERS } from '../lib/providers/catalog.ts';

// Runs on the curated sites (provider consoles, BYOK apps) and, registered at run time,
// on the sites the user turned the offer on for. What the person picks from is drawn by
// our menu page in a frame; this script opens it, and fills what the pick hands over.
export default defineContentScript({
  matches: curatedMatchPatterns(),
  allFrames: true,
  runAt: 'document_idle',
  main() {
    // The menu page's address may be a per-session one (Chrome's use_dynamic_url); its origin is the extension's.
    const page = { url: browser.runtime.getURL(MENU_PAGE_PATH), origin: new URL(browser.runtime.getURL('/')).origin, title: i18n.t('menu.title') };
    const offer = startInlineOffer(
      document,
      { open: (providers) => ask('inlineOpen', { providers: providers.slice(0, 8) }), redeem: (token) => ask('inlineRedeem', { token }) },
      page,
      i18n.t('menu.offer'),
    );
    // Picks come from the background only (a page cannot message a content script).
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== browser.runtime.id || !isPickDelivery(message)) return;
      void offer.picked(message).then((outcome) => sendResponse({ outcome }));
      return true;
    });
    const here = consoleProviders(location.href);
    const consoles = PROVIDERS.filter(({ id }) => here.includes(id));
    if (consoles.length === 0 || window !== window.top) return;
    const formats = consoles.flatMap(({ keyPatterns }) => keyPatterns.filter(({ ambiguous }) => !ambiguous).map(({ pattern }) => new RegExp(pattern)));
    watchForNewKeys(document, formats, page, (secret) => ask('captureOpen', { secret }));
  },
});
