import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../lib/providers/catalog.ts';
import { badgeOf, inkOn } from '../../lib/providers/badges.ts';

// WCAG contrast ratio of two #rrggbb colours.
function contrast(a: string, b: string): number {
  const lum = (c: string) =>
    [1, 3, 5]
      .map((at) => parseInt(c.slice(at, at + 2), 16) / 255)
      .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('provider badges', () => {
  it.each(PROVIDERS.map((provider) => provider.id))('%s has its own badge whose letters read at 4.5:1 or better', (id) => {
    const badge = badgeOf(id);
    expect(badge.letters).not.toBe('?');
    expect(contrast(badge.colour, inkOn(badge.colour))).toBeGreaterThanOrEqual(4.5);
  });

  it('gives an unknown provider a neutral badge', () => {
    expect(badgeOf('nobody').letters).toBe('?');
  });
});
