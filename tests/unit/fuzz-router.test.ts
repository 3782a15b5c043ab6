import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route, type Handlers, type SenderContext } from '../../lib/background/router.ts';
import { PROTOCOL } from '../../lib/messages.ts';
import { isPickDelivery } from '../../lib/fill/inline-pick.ts';
import { network, testBackground } from './background-harness.ts';
import { installFillFakes, page, resetPage } from './fill-fakes.ts';

const SECRET = 'sk-proj-FUZZSECRETaaaaaaaaaaaaaaaaaaaaaaaaa';
const OTHER_SECRET = `gsk_FUZZ${'G'.repeat(48)}`;
const RUNS = 100_000;
let handlers: Handlers;
const entryIds: string[] = [];

const CONSOLE_URL = 'https://platform.openai.com/api-keys';
/** The content script under test: the top frame of tab 3, on the OpenAI console. */
const CONSOLE: SenderContext = { tabId: 3, tabUrl: CONSOLE_URL, frameId: 0, frameUrl: CONSOLE_URL, documentId: 'console-doc', origin: 'https://platform.openai.com' };
/** Our menu frame in tab 3. */
const MENU: SenderContext = { tabId: 3, tabUrl: CONSOLE_URL, frameId: 9, frameUrl: 'chrome-extension://x/inline-menu.html', documentId: 'menu-doc' };
/** Content scripts elsewhere, whose picks the one under test may try to steal. */
const OTHERS: SenderContext[] = [
  { ...CONSOLE, tabId: 4 },
  { ...CONSOLE, frameId: 2, documentId: 'frame-2-doc' },
  { ...CONSOLE, documentId: 'an-earlier-page-in-this-frame' },
  { ...CONSOLE, tabId: 5, tabUrl: 'https://console.groq.com/keys', frameUrl: 'https://console.groq.com/keys', origin: 'https://console.groq.com' },
];

/** The pick tokens delivered to content scripts, newest last. */
const delivered: string[] = [];
/** Tokens of picks made for the content script under test that it has not redeemed yet. */
const ownTokens = new Set<string>();
/** Its tokens already redeemed: a second redeem must fail. */
const spentTokens: string[] = ['0'.repeat(32)];
const stolenTokens: string[] = [];
let menuId = '';

/** A pick made in the menu (as by the person's click there) for `owner`; returns its token. */
async function pickFor(owner: SenderContext): Promise<string> {
  const menu = { ...MENU, tabId: owner.tabId };
  const { menuId: id } = await handlers.inlineOpen({ providers: [] }, owner);
  const view = await handlers.menuShow({ menuId: id }, menu);
  await handlers.menuPick({ menuId: id, id: view.kind === 'fill' ? view.keys[0]!.id : '' }, menu);
  return delivered.at(-1)!;
}

const lazy = <T>(read: () => T) => fc.constant(null).map(read);
const hexId = fc.stringMatching(/^[0-9a-f]{32}$/);
const entryId = fc.oneof(lazy(() => entryIds[0]!), lazy(() => entryIds[1]!), fc.constant('0'.repeat(32)), hexId, fc.string());
/** Real-looking tokens: the one handed to the content script under test, spent, stolen and guessed ones. */
const token = fc.oneof(
  lazy(() => [...ownTokens].at(-1) ?? '0'.repeat(32)),
  fc.nat().map((i) => spentTokens[i % spentTokens.length]!),
  fc.nat().map((i) => stolenTokens[i % stolenTokens.length]!),
  hexId,
  fc.string(),
);
const menuIdish = fc.oneof(lazy(() => menuId), hexId, fc.string());

/** Messages shaped like ours often enough to get past the first checks, with real ids and tokens. */
const message = fc.oneof(
  fc.anything(),
  fc.record({ type: fc.constantFrom(...Object.keys(PROTOCOL), 'toString', '__proto__', 'constructor'), data: fc.anything() }),
  fc.record({
    type: fc.constantFrom(...Object.keys(PROTOCOL)),
    data: fc.oneof(fc.constant({}), fc.record({ id: entryId, token, menuId: menuIdish, purpose: fc.constantFrom('copy', 'reveal', 'x') }, { requiredKeys: [] })),
  }),
  // The requests a content script and the menu may make, in their own shapes.
  fc.oneof(
    fc.record({ type: fc.constant('inlineOpen'), data: fc.record({ providers: fc.array(fc.oneof(fc.constant('openai'), fc.constant('groq'), fc.string()), { maxLength: 10 }) }) }),
    fc.record({ type: fc.constant('inlineRedeem'), data: fc.record({ token }) }),
    fc.record({ type: fc.constant('captureOpen'), data: fc.record({ secret: fc.oneof(fc.string(), fc.constant(SECRET), fc.stringMatching(/^sk-proj-[A-Za-z0-9]{40,60}$/)) }) }),
    fc.record({ type: fc.constantFrom('menuShow', 'menuSave'), data: fc.record({ menuId: menuIdish }) }),
    fc.record({ type: fc.constant('menuPick'), data: fc.record({ menuId: menuIdish, id: entryId }) }),
  ),
);

const stored = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));
/** The vault as a page lists it, without the use counts that a redeemed pick changes. */
const contentOfVault = async () => JSON.stringify((await handlers.listEntries({}, {})).entries.map(({ useCount: _u, lastUsedAt: _l, ...entry }) => entry));
const uses = async () => (await handlers.listEntries({}, {})).entries.find(({ id }) => id === entryIds[0])!.useCount;

beforeAll(async () => {
  fakeBrowser.reset();
  resetPage();
  installFillFakes();
  network.reset();
  network.answer = () => new Response('{}', { status: 503 });
  // The content script only keeps what is delivered to it; it redeems nothing by itself.
  page.contentScript = async ({ message }) => {
    if (isPickDelivery(message)) delivered.push(message.token);
    return { outcome: 'filled' };
  };
  // The very background production builds, with the fake browser: every handler and its hooks.
  handlers = testBackground().handlers;
  await handlers.create({ passphrase: 'fuzzing passphrase 1' }, {});
  entryIds.push((await handlers.addEntry({ entry: { provider: 'openai', name: 'Fuzz', secret: SECRET } }, {})).entry.id);
  entryIds.push((await handlers.addEntry({ entry: { provider: 'groq', name: 'Other', secret: OTHER_SECRET } }, {})).entry.id);
  // Let the checks that follow a save land first: they are legitimate writes.
  while ((await handlers.listEntries({}, {})).entries.some(({ validation }) => !validation)) await new Promise((resolve) => setTimeout(resolve, 5));
  for (const other of OTHERS) stolenTokens.push(await pickFor(other));
});

describe(`the router, ${RUNS.toLocaleString('en')} arbitrary messages per sender, with real entry ids and pick tokens`, () => {
  it('refuses everything from another extension or an unknown sender, with no secret and no change', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const answer = await route(m, undefined, handlers);
        expect(answer.ok).toBe(false);
        expect(JSON.stringify(answer)).not.toMatch(/FUZZSECRET|gsk_FUZZ/);
      }),
      { numRuns: RUNS },
    );
    expect(await stored()).toBe(before);
  });

  it('a content script gets a key only by redeeming a pick made for its own frame, once, and changes nothing else', async () => {
    ownTokens.add(await pickFor(CONSOLE));
    const before = { content: await contentOfVault(), uses: await uses() };
    let redeemed = 0;
    let opened = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const answer = await route(m, 'content', handlers, CONSOLE);
        const text = JSON.stringify(answer);
        expect(text).not.toContain(OTHER_SECRET);
        const sent = m as { type?: string; data?: { token?: string } };
        if (text.includes(SECRET)) {
          // Only one way to a key: the pick delivered to this very frame, not spent yet.
          expect(sent.type).toBe('inlineRedeem');
          expect(ownTokens.delete(sent.data!.token!)).toBe(true);
          spentTokens.push(sent.data!.token!);
          redeemed++;
        }
        if (answer.ok && sent.type === 'inlineOpen') {
          opened++;
          ownTokens.clear(); // the document's new menu replaces the one the pick was made in
        }
        // A new pick now and then (not at once, so that spent tokens are tried while their menu's document is unchanged).
        if (ownTokens.size === 0 && ++runs % 16 === 0) ownTokens.add(await pickFor(CONSOLE));
      }),
      { numRuns: RUNS },
    );
    expect(await contentOfVault()).toBe(before.content);
    expect(await uses()).toBe(before.uses + redeemed);
    expect(redeemed).toBeGreaterThan(0); // the real token was tried and worked, once each
    expect(opened).toBeGreaterThan(0); // menus are opened (they list nothing to the content script)
    // Stolen picks never worked for this frame: their owners can still redeem them.
    for (const [i, other] of OTHERS.entries()) expect((await handlers.inlineRedeem({ token: stolenTokens[i]! }, other)).secret).toMatch(/FUZZ/);
  });

  it('the menu frame gets no key and changes nothing, whatever it sends', async () => {
    menuId = (await handlers.inlineOpen({ providers: [] }, { ...CONSOLE, frameId: 7, documentId: 'menu-fuzz-owner' })).menuId;
    await handlers.menuShow({ menuId }, MENU);
    const before = await stored();
    const own = new Set(['menuShow', 'menuPick', 'menuSave']);
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const answer = await route(m, 'menu', handlers, MENU);
        expect(JSON.stringify(answer)).not.toMatch(/FUZZSECRET|gsk_FUZZ/);
        if (answer.ok) expect(own.has((m as { type: string }).type)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(await stored()).toBe(before);
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
    expect((await handlers.getSecret({ id: entryIds[0]!, purpose: 'reveal', allowDisabled: true }, {})).secret).toBe(SECRET);
  });
});
