import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { fill, locate } from '../lib/fill/dom/agent.ts';
import { AGENT_GLOBAL } from '../lib/fill/agent-protocol.ts';

export default defineUnlistedScript(() => {
  Object.assign(globalThis, { [AGENT_GLOBAL]: { locate: () => locate(document), fill } });
});
