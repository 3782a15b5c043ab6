/**
 * The sites where the inline offer appears without asking: every provider's console
 * (from the catalog) and a curated list of well-known bring-your-own-key apps. Any
 * other site is the user's choice, one origin at a time.
 * @module
 */
import { PROVIDERS } from '../providers/catalog.ts';

/** Chat apps that ask for the user's own provider key in their settings. */
export const BYOK_APPS: readonly { name: string; origin: string }[] = [
  { name: 'TypingMind', origin: 'https://www.typingmind.com' },
  { name: 'Chatbox', origin: 'https://web.chatboxai.app' },
  { name: 'NextChat', origin: 'https://app.nextchat.dev' },
  { name: 'LobeChat', origin: 'https://lobechat.com' },
  { name: 'Better ChatGPT', origin: 'https://bettergpt.chat' },
];

/** The providers whose console the page at `url` is on (empty for any other site or no URL). */
export function consoleProviders(url: string | undefined): string[] {
  let origin: string;
  try {
    origin = new URL(url ?? '').origin;
  } catch {
    return [];
  }
  return PROVIDERS.filter(({ consoleOrigins }) => consoleOrigins.includes(origin)).map(({ id }) => id);
}

/** Every origin of the curated list: consoles first, then the apps. */
export function curatedOrigins(): string[] {
  return [...new Set([...PROVIDERS.flatMap(({ consoleOrigins }) => consoleOrigins), ...BYOK_APPS.map(({ origin }) => origin)])];
}

/** Match patterns for the content script that makes the inline offer on the curated sites. */
export function curatedMatchPatterns(): string[] {
  return curatedOrigins().map((origin) => `${origin}/*`);
}
