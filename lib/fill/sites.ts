/**
 * The sites where the inline offer appears without asking: every provider's console
 * (from the catalog) and a curated list of well-known bring-your-own-key apps, each with
 * the providers whose keys it takes. Any other site is the user's choice, one origin at
 * a time.
 * @module
 */
import { PROVIDERS } from '../providers/catalog.ts';

/** A chat app that asks for the user's own provider key in its settings, and which providers it takes. */
export interface ByokApp {
  name: string;
  origin: string;
  /** Catalog ids of the providers whose keys the app's settings ask for. */
  providers: readonly string[];
}

/** Chat apps that ask for the user's own provider key in their settings (their documented providers). */
export const BYOK_APPS: readonly ByokApp[] = [
  {
    name: 'TypingMind',
    origin: 'https://www.typingmind.com',
    providers: ['openai', 'anthropic', 'gemini', 'mistral', 'groq', 'openrouter', 'perplexity', 'xai', 'deepseek', 'azure-openai'],
  },
  {
    name: 'Chatbox',
    origin: 'https://web.chatboxai.app',
    providers: ['openai', 'azure-openai', 'anthropic', 'gemini', 'groq', 'deepseek', 'perplexity', 'xai', 'openrouter', 'mistral'],
  },
  { name: 'NextChat', origin: 'https://app.nextchat.dev', providers: ['openai', 'azure-openai', 'anthropic', 'gemini', 'xai', 'deepseek'] },
  {
    name: 'LobeChat',
    origin: 'https://lobechat.com',
    providers: ['openai', 'azure-openai', 'anthropic', 'gemini', 'mistral', 'groq', 'openrouter', 'xai', 'deepseek', 'together', 'fireworks', 'perplexity', 'cohere'],
  },
  { name: 'Better ChatGPT', origin: 'https://bettergpt.chat', providers: ['openai', 'azure-openai'] },
];

function originOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '').origin;
  } catch {
    return undefined;
  }
}

/** The providers whose console the page at `url` is on (empty for any other site or no URL). */
export function consoleProviders(url: string | undefined): string[] {
  const origin = originOf(url);
  return PROVIDERS.filter(({ consoleOrigins }) => origin !== undefined && consoleOrigins.includes(origin)).map(({ id }) => id);
}

/**
 * The providers whose keys fit the curated site at `url`: a console's own provider, or
 * the providers a BYOK app takes. Undefined for a site off the curated list (one the user
 * turned on, where the user is the judge).
 */
export function curatedSiteProviders(url: string | undefined): readonly string[] | undefined {
  const console = consoleProviders(url);
  if (console.length > 0) return console;
  const origin = originOf(url);
  return BYOK_APPS.find((app) => app.origin === origin)?.providers;
}

/** Every origin of the curated list: consoles first, then the apps. */
export function curatedOrigins(): string[] {
  return [...new Set([...PROVIDERS.flatMap(({ consoleOrigins }) => consoleOrigins), ...BYOK_APPS.map(({ origin }) => origin)])];
}

/** Match patterns for the content script that makes the inline offer on the curated sites. */
export function curatedMatchPatterns(): string[] {
  return curatedOrigins().map((origin) => `${origin}/*`);
}
