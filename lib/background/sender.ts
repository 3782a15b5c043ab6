/**
 * Who sent a message. Only our own extension is heard. An extension page is a frame
 * whose origin is our extension's: the browser sets that origin (and the URL's scheme
 * and host), a web page cannot (history.pushState changes only the path), and we expose
 * no web-accessible pages that a site could frame. Anything else from our extension that
 * comes from a tab is a content script.
 * @module
 */
import type { Browser } from 'wxt/browser';
import type { SenderClass } from '../messages.ts';

type Sender = Pick<Browser.runtime.MessageSender, 'id' | 'tab' | 'url' | 'origin'>;

/**
 * Classifies a sender, or returns undefined for one that must not be heard at all.
 * `extensionBase` is `runtime.getURL('')`, e.g. `chrome-extension://<id>/`.
 */
export function classifySender(sender: Sender, extensionId: string, extensionBase: string): SenderClass | undefined {
  if (sender.id !== extensionId) return undefined;
  // Chrome reports the frame's origin; Firefox only its URL.
  const fromExtension = sender.origin !== undefined ? `${sender.origin}/` === extensionBase : sender.url?.startsWith(extensionBase);
  if (fromExtension) return 'page';
  if (sender.tab) return 'content';
  return undefined;
}
