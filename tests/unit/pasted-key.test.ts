import { describe, expect, it } from 'vitest';
import { pastedKey } from '../../lib/ui/pasted-key.ts';

describe('a key pasted on the options page', () => {
  it('is recognised by its format', () => {
    expect(pastedKey('  sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n')).toEqual({ provider: 'anthropic', secret: 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789' });
    expect(pastedKey('sk-proj-Zq81s0dXkP3mT7vB2nL9aWcE4rY6uI0oPaStEdPaStEd')?.provider).toBe('openai');
  });

  it('is recognised from one .env line, by its variable name too', () => {
    expect(pastedKey('export GROQ_API_KEY="gsk_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghij"')).toEqual({
      provider: 'groq',
      secret: 'gsk_0123456789abcdefghijABCDEFGHIJ0123456789abcdefghij',
    });
  });

  it('ignores prose, short words and text no provider recognises', () => {
    expect(pastedKey('hello there, this is a sentence')).toBeUndefined();
    expect(pastedKey('sk-short')).toBeUndefined();
    expect(pastedKey('https://example.com/some/long/path/name')).toBeUndefined();
  });
});
