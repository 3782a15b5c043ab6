import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { fill, locate } from '../lib/fill/dom/agent.ts';
import { AGENT_GLOBAL } from '../lib/fill/agent-protocol.ts';

// Injected before each step; the first injection stays, so `fill` finds what `locate` found.
export default defineUnlistedScript(() => {
  if (AGENT_GLOBAL in globalThis) return;
  Object.assign(globalThis, {
    [AGENT_GLOBAL]: { locate: () => locate(document), fill: (secret: string, expectedOrigin: string) => fill(document, secret, expectedOrigin) },
  });
});
