/**
 * Stand-ins: random tokens in a provider's key shape (so a web app's own format check
 * passes) that say they are ours (a marker right after the provider's prefix) and are
 * worth nothing anywhere but where the browser swaps them for the real key. Pure: the
 * randomness is passed in.
 * @module
 */
import type { RandomBytes } from '../crypto/random.ts';
import type { StandInProvider } from './site.ts';

/** The marker in every stand-in whose alphabet has capitals. */
export const STAND_IN_MARKER = 'AKVstandin';
/** The marker in stand-ins of providers whose keys are lowercase hex ("false code"). */
export const HEX_STAND_IN_MARKER = 'fa15ec0de';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** A key shape: prefix, then `length` characters of `alphabet` (the marker first), then the suffix. */
interface Shape {
  prefix: string;
  alphabet: string;
  length: number;
  suffix?: string;
  /** A second random run after the suffix (OpenAI's project keys: …T3BlbkFJ…). */
  tail?: number;
}

// The shapes follow each provider's key pattern in lib/providers/catalog.ts (the unit
// tests check that every stand-in is recognised as its provider's key); one per provider
// of STAND_IN_PROVIDERS, no more, no less.
const SHAPES: Readonly<Record<StandInProvider, Shape>> = {
  openai: { prefix: 'sk-proj-', alphabet: ALNUM, length: 74, suffix: 'T3BlbkFJ', tail: 74 },
  anthropic: { prefix: 'sk-ant-api03-', alphabet: ALNUM, length: 93, suffix: 'AA' },
  gemini: { prefix: 'AIza', alphabet: ALNUM, length: 35 },
  mistral: { prefix: '', alphabet: ALNUM, length: 32 },
  groq: { prefix: 'gsk_', alphabet: ALNUM, length: 52 },
  openrouter: { prefix: 'sk-or-v1-', alphabet: HEX, length: 64 },
  xai: { prefix: 'xai-', alphabet: ALNUM, length: 80 },
  deepseek: { prefix: 'sk-', alphabet: HEX, length: 32 },
  together: { prefix: 'tgp_v1_', alphabet: ALNUM, length: 43 },
  fireworks: { prefix: 'fw_', alphabet: ALNUM, length: 40 },
  perplexity: { prefix: 'pplx-', alphabet: ALNUM, length: 48 },
  cohere: { prefix: '', alphabet: ALNUM, length: 40 },
  'azure-openai': { prefix: '', alphabet: HEX, length: 32 },
};

/** `length` characters of `alphabet`, uniformly (bytes that would bias the choice are drawn again). */
function randomText(random: RandomBytes, alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let text = '';
  while (text.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < limit && text.length < length) text += alphabet[byte % alphabet.length];
    }
  }
  return text;
}

/**
 * A new stand-in for a key of `provider`.
 * @throws Error for a provider that has no key shape here (local servers, custom endpoints).
 */
export function makeStandIn(provider: string, random: RandomBytes): string {
  const shape = SHAPES[provider as StandInProvider] as Shape | undefined;
  if (!shape) throw new Error(`no stand-in shape for provider ${provider}`);
  const marker = shape.alphabet === HEX ? HEX_STAND_IN_MARKER : STAND_IN_MARKER;
  const body = marker + randomText(random, shape.alphabet, shape.length - marker.length);
  const tail = shape.tail ? randomText(random, shape.alphabet, shape.tail) : '';
  return `${shape.prefix}${body}${shape.suffix ?? ''}${tail}`;
}

/** Does `text` contain something shaped like one of our stand-ins (its marker)? */
export function containsStandIn(text: string): boolean {
  return text.includes(STAND_IN_MARKER) || text.includes(HEX_STAND_IN_MARKER);
}
