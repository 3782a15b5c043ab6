import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route, type Handlers } from '../../lib/background/router.ts';
import { PROTOCOL } from '../../lib/messages.ts';
import { network, testBackground } from './background-harness.ts';
import { installFillFakes, resetPage } from './fill-fakes.ts';

const SECRET = 'sk-proj-FUZZSECRETaaaaaaaaaaaaaaaaaaaaaaaaa';
const RUNS = 100_000;
let handlers: Handlers;
let entryId = '';

/** Messages shaped like ours often enough to get past the first checks. */
const message = fc.oneof(
  fc.anything(),
  fc.record({ type: fc.constantFrom(...Object.keys(PROTOCOL), 'toString', '__proto__', 'constructor'), data: fc.anything() }),
  fc.record({
    type: fc.constantFrom(...Object.keys(PROTOCOL)),
    data: fc.oneof(fc.constant({}), fc.record({ id: fc.oneof(fc.constant('0'.repeat(32)), fc.string()), purpose: fc.constantFrom('copy', 'reveal', 'x') }, { requiredKeys: [] })),
  }),
  // The requests a content script may make, in their own shapes.
  fc.oneof(
    fc.record({ type: fc.constant('inlineKeys'), data: fc.record({ providers: fc.array(fc.oneof(fc.constant('openai'), fc.string()), { maxLength: 10 }) }) }),
    fc.record({ type: fc.constant('inlineFill'), data: fc.record({ id: fc.oneof(fc.constant('0'.repeat(32)), fc.stringMatching(/^[0-9a-f]{32}$/)) }) }),
    fc.record({ type: fc.constant('captureKey'), data: fc.record({ secret: fc.oneof(fc.string(), fc.stringMatching(/^sk-proj-[A-Za-z0-9]{40,60}$/)) }) }),
  ),
);

const stored = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

beforeAll(async () => {
  fakeBrowser.reset();
  resetPage();
  installFillFakes();
  network.reset();
  network.answer = () => new Response('{}', { status: 503 });
  // The very background production builds, with the fake browser: every handler and its hooks.
  handlers = testBackground().handlers;
  await handlers.create({ passphrase: 'fuzzing passphrase 1' }, {});
  entryId = (await handlers.addEntry({ entry: { provider: 'openai', name: 'Fuzz', secret: SECRET } }, {})).entry.id;
  // Let the check that follows a save land first: it is a legitimate write.
  while (!(await handlers.listEntries({}, {})).entries[0]?.validation) await new Promise((resolve) => setTimeout(resolve, 5));
});

describe(`the router, ${RUNS.toLocaleString('en')} arbitrary messages per sender`, () => {
  it('refuses everything from another extension or an unknown sender, with no secret and no change', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const answer = await route(m, undefined, handlers);
        expect(answer.ok).toBe(false);
        expect(JSON.stringify(answer)).not.toContain(SECRET);
      }),
      { numRuns: RUNS },
    );
    expect(await stored()).toBe(before);
  });

  it('gives a content script on a provider console no secret it did not pick, and changes nothing', async () => {
    const console = { tabId: 3, tabUrl: 'https://platform.openai.com/api-keys', frameId: 0, frameUrl: 'https://platform.openai.com/api-keys' };
    const before = await stored();
    let listed = 0;
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const answer = await route(m, 'content', handlers, console);
        expect(JSON.stringify(answer)).not.toContain(SECRET);
        if (answer.ok) listed++;
      }),
      { numRuns: RUNS },
    );
    expect(await stored()).toBe(before);
    expect(listed).toBeGreaterThan(0); // the key list is reached (names and masks only)
  });

  it('never throws at an extension page, and a refused message changes nothing', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const before = await stored();
        const answer = await route(m, 'page', handlers);
        expect(typeof answer.ok).toBe('boolean');
        if (!answer.ok) {
          refused++;
          expect(await stored()).toBe(before);
          expect(answer.message).not.toContain(SECRET);
        }
      }),
      { numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(RUNS * 0.9);
    // The vault still opens and still holds its key (a fuzzed "lock" may have locked it).
    await handlers.unlock({ passphrase: 'fuzzing passphrase 1' }, {});
    expect((await handlers.getSecret({ id: entryId, purpose: 'reveal', allowDisabled: true }, {})).secret).toBe(SECRET);
  });
});
