/**
 * Each provider's badge: one or two letters on its brand colour. Logos stay out: most
 * providers' brand terms forbid redistributing them, and a badge needs no fetch. Data
 * only, beside the catalog; a provider missing here gets a neutral badge.
 * @module
 */

/** A provider's badge: its letters and its colour (`#rrggbb`). */
export interface Badge {
  letters: string;
  colour: string;
}

const BADGES: Readonly<Record<string, Badge>> = {
  openai: { letters: 'O', colour: '#10a37f' },
  anthropic: { letters: 'A', colour: '#d97757' },
  gemini: { letters: 'G', colour: '#4285f4' },
  mistral: { letters: 'M', colour: '#fa520f' },
  groq: { letters: 'Gq', colour: '#f55036' },
  openrouter: { letters: 'OR', colour: '#6467f2' },
  xai: { letters: 'x', colour: '#000000' },
  deepseek: { letters: 'DS', colour: '#4d6bfe' },
  together: { letters: 'T', colour: '#0f6fff' },
  fireworks: { letters: 'F', colour: '#6720ff' },
  perplexity: { letters: 'P', colour: '#20808d' },
  cohere: { letters: 'C', colour: '#39594d' },
  'azure-openai': { letters: 'Az', colour: '#0078d4' },
  ollama: { letters: 'Ol', colour: '#1f1f1f' },
  lmstudio: { letters: 'LM', colour: '#4338ca' },
  'openai-compatible': { letters: '{ }', colour: '#6b7280' },
};

const NEUTRAL: Badge = { letters: '?', colour: '#6b7280' };

/** The badge of provider `id`. */
export function badgeOf(id: string): Badge {
  return BADGES[id] ?? NEUTRAL;
}

// WCAG relative luminance of an sRGB colour.
function luminance(colour: string): number {
  const channel = (at: number) => {
    const value = parseInt(colour.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The letters' colour on `colour`: black or white, whichever contrasts more. */
export function inkOn(colour: string): '#000000' | '#ffffff' {
  const light = luminance(colour);
  return (light + 0.05) / 0.05 > 1.05 / (light + 0.05) ? '#000000' : '#ffffff';
}
