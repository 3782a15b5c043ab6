/**
 * Who sent a message. Only our own extension is heard. An extension page is a frame
 * whose origin is our extension's origin: the browser sets that origin, a web page
 * cannot (its URL's path can change under history.pushState, its origin cannot), and
 * we expose no web-accessible pages that a site could frame. Anything else from our
 * extension with a tab is a content script.
 * @module
 */
import type { Runtime } from 'webextension-polyfill';
import type { SenderClass } from '../messages.ts';

type Sender = Pick<Runtime.MessageSender, 'id' | 'tab' | 'url'> & { origin?: string };

function originOf(sender: Sender): string | undefined {
  if (sender.origin) return sender.origin;
  try {
    return sender.url ? new URL(sender.url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Classifies a sender, or returns undefined for one that must not be heard at all. */
export function classifySender(sender: Sender, extensionId: string, extensionOrigin: string): SenderClass | undefined {
  if (sender.id !== extensionId) return undefined;
  if (originOf(sender) === extensionOrigin) return 'page';
  if (sender.tab) return 'content';
  return undefined;
}
