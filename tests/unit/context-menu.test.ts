import { describe, expect, it } from 'vitest';
import { menuItems } from '../../lib/background/fill/fill-triggers.ts';
import { addEntry, setActive } from '../../lib/vault/entries.ts';
import { emptyPayload, type Payload } from '../../lib/vault/payload-schema.ts';

const idOf = (i: number) => i.toString(16).padStart(32, '0');

/** 40 OpenAI keys, newest first by update time; the even ones go through a gateway (no stand-in for them). */
function manyKeys(): Payload {
  let payload = emptyPayload();
  for (let i = 0; i < 40; i++) {
    const input = { provider: 'openai', name: `key ${i}`, secret: `sk-proj-${'x'.repeat(30)}${i}`, ...(i % 2 === 0 ? { endpoint: 'https://gateway.example.com/v1' } : {}) };
    payload = addEntry(payload, input, idOf(i), 1_000 + i).payload;
  }
  return setActive(payload, idOf(0));
}

const under = (items: ReturnType<typeof menuItems>, parent: string) => items.filter((item) => item.parentId === parent).map((item) => item.title);

describe('the context menu at many keys', () => {
  it('lists each provider’s active key, then its most recently used, fifteen at most', () => {
    const keys = under(menuItems(manyKeys(), true), 'insert-key/openai');
    expect(keys).toEqual(['key 0', ...Array.from({ length: 14 }, (_, i) => `key ${39 - i}`)]);
  });

  it('fills the stand-in list with fifteen keys a stand-in can be made for, skipping those it cannot', () => {
    const keys = under(menuItems(manyKeys(), true), 'insert-stand-in/openai');
    expect(keys).toEqual(Array.from({ length: 15 }, (_, i) => `key ${39 - 2 * i}`));
  });
});
