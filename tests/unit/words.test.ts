import { describe, expect, it } from 'vitest';
import { say } from '../../lib/say.ts';
import { words } from '../../lib/words.ts';
import { whyItDoesNotFit } from '../../lib/sync/sync-limits.ts';
import { ago, expiryText } from '../../lib/ui/key-age.ts';

const DAY = 86_400_000;
const NOW = 1_700_000_000_000;

describe('words by reference, said from locales/en.yml', () => {
  it('puts each value where its $n stands, in one message', () => {
    expect(say(words('background.budgetKeyBody', 'Main', 'OpenAI', '$40.00', '$50.00'))).toBe(
      '“Main” (OpenAI) spent $40.00 of $50.00 this month. A budget is advice: the provider keeps serving requests.',
    );
    // A value used twice in the message appears twice.
    expect(say(words('errors.notRevocable', 'Groq'))).toBe(
      'AI Key Vault can revoke a Groq key only with a key that manages it (an admin or management key) in the vault. Revoke it on Groq’s key page.',
    );
  });

  it('says words given as a value first, in the same language', () => {
    expect(say(words('keyProblems.fieldRequired', words('fields.resource')))).toBe('Resource is required');
    expect(say(words('spendErrors.providerSaid', words('spendErrors.limiting', 'OpenAI'), 'OpenAI', 'Slow down'))).toBe(
      'OpenAI is limiting requests right now; try again later. OpenAI said: “Slow down”',
    );
  });

  it('picks the plural form by the count, with or without values of its own', () => {
    expect(ago(NOW - DAY, NOW)).toBe('1 day ago');
    expect(ago(NOW - 3 * DAY, NOW)).toBe('3 days ago');
    expect(expiryText(NOW + 5 * DAY, NOW)).toBe('expires in 5 days');
    const one = whyItDoesNotFit({ big: 'x'.repeat(9000) }, () => ['Main']);
    const two = whyItDoesNotFit({ big: 'x'.repeat(9000) }, () => ['Main', 'Spare']);
    expect(say(one!)).toMatch(/^The key “Main” needs 8\.8 KB in sync; the browser allows 8\.0 KB per key/);
    expect(say(two!)).toMatch(/^The keys “Main”, “Spare” need 8\.8 KB in sync/);
  });
});
