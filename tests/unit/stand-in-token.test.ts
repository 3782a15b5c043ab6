import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from '../../lib/crypto/random.ts';
import { detectProvider } from '../../lib/providers/detect.ts';
import { containsStandIn, makeStandIn } from '../../lib/stand-in/stand-in-token.ts';
import { STAND_IN_PROVIDERS } from '../../lib/stand-in/site.ts';
import { countRequest, freshUsage, localDay, nextChange, pauseOf } from '../../lib/stand-in/limits.ts';
import { bindingsKey, openBindings, sealBindings } from '../../lib/stand-in/sealed-bindings.ts';
import { bindableSite } from '../../lib/stand-in/site.ts';

describe('stand-ins', () => {
  it.each(STAND_IN_PROVIDERS)('a %s stand-in has the provider’s key shape, our marker, and is new each time', (provider) => {
    const standIn = makeStandIn(provider, secureRandomBytes);
    expect(detectProvider(standIn).map((candidate) => candidate.provider)).toContain(provider);
    expect(containsStandIn(standIn)).toBe(true);
    expect(makeStandIn(provider, secureRandomBytes)).not.toBe(standIn);
  });

  it('has no shape for local servers or custom endpoints', () => {
    for (const provider of ['ollama', 'lmstudio', 'openai-compatible']) expect(() => makeStandIn(provider, secureRandomBytes)).toThrow();
  });

  it('binds https sites and this computer, by scheme and host, nothing else', () => {
    expect(bindableSite('https://chat.example.com:8443/c/1')).toBe('https://chat.example.com');
    expect(bindableSite('http://127.0.0.1:5173/')).toBe('http://127.0.0.1');
    for (const url of ['http://chat.example.com/', 'chrome-extension://abc/options.html', 'file:///tmp/x.html', 'nonsense']) expect(bindableSite(url)).toBeUndefined();
  });
});

describe('limits', () => {
  const noon = new Date(2026, 2, 14, 12, 0, 30).getTime();

  it('counts per local day and per minute, each starting over', () => {
    let usage = freshUsage(noon);
    for (let i = 0; i < 3; i++) usage = countRequest(usage, noon);
    expect(usage).toMatchObject({ day: '2026-03-14', today: 3, total: 3, inMinute: 3 });
    expect(pauseOf({ perDay: 3 }, usage, noon)).toBe('day');
    expect(pauseOf({ perDay: 10, perMinute: 3 }, usage, noon)).toBe('minute');
    expect(pauseOf({ perDay: 10, perMinute: 3 }, usage, noon + 60_000)).toBeUndefined();
    const tomorrow = new Date(2026, 2, 15, 0, 0, 1).getTime();
    expect(localDay(tomorrow)).toBe('2026-03-15');
    expect(pauseOf({ perDay: 3 }, usage, tomorrow)).toBeUndefined();
    expect(countRequest(usage, tomorrow)).toMatchObject({ today: 1, total: 4 });
  });

  it('counts requests in flight as made, and an end date ends it', () => {
    expect(pauseOf({ perDay: 2 }, freshUsage(noon), noon, 2)).toBe('day');
    expect(pauseOf({ perDay: 2, until: noon }, freshUsage(noon), noon)).toBe('ended');
  });

  it('wakes at midnight, at the next minute, or at the end date', () => {
    const used = countRequest(freshUsage(noon), noon);
    expect(nextChange({ perDay: 1 }, used, noon)).toBe(new Date(2026, 2, 15).getTime());
    expect(nextChange({ perDay: 5, perMinute: 1 }, used, noon)).toBe(Math.ceil(noon / 60_000) * 60_000);
    expect(nextChange({ perDay: 5, until: noon + 5_000 }, used, noon)).toBe(noon + 5_000);
    expect(nextChange({ perDay: 5 }, used, noon)).toBeUndefined();
  });
});

describe('sealed bindings', () => {
  it('open with the current key or a previous one, and with no other', () => {
    const [current, previous, other] = [1, 2, 3].map(() => bindingsKey(secureRandomBytes(32)));
    const bindings = [{ id: 'a'.repeat(32), ruleId: 1, site: 'https://x.example', entryId: 'b'.repeat(32), standIn: 'sk-x', limits: { perDay: 1 }, usage: freshUsage(0), createdAt: 0 }];
    const stored = sealBindings(previous!, bindings);
    expect(openBindings([current!, previous!], stored)).toEqual({ bindings, keyIndex: 1 });
    expect(openBindings([current!, other!], stored)).toBeUndefined();
    expect(openBindings([previous!], { ...stored, ciphertext: stored.ciphertext.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).toBeUndefined();
  });
});
