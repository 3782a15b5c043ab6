/**
 * What the background and the injected fill agent say to each other.
 * @module
 */
import type { MessageKey } from '../words.ts';

/** The name under which the injected agent waits in the extension's isolated world. */
export const AGENT_GLOBAL = '__aiKeyVaultFillAgent';

/** The file the background injects (the `fill-agent` unlisted script). */
export const AGENT_FILE = '/fill-agent.js';

export type AgentRefusal = 'no-field' | 'hidden' | 'read-only' | 'not-a-key-field' | 'cross-origin-frame' | 'gone' | 'moved';
/** Where the field is: its provider hints and the origin of the document the agent runs in. */
export type LocateAnswer = { ok: true; providers: string[]; origin: string } | { ok: false; reason: AgentRefusal };
export type FillAnswer = { ok: true } | { ok: false; reason: AgentRefusal };

/** Why the agent did not fill, as the message the background tells the user. */
export const AGENT_REFUSALS: Readonly<Record<AgentRefusal, MessageKey>> = {
  'no-field': 'errors.agentNoField',
  hidden: 'errors.agentHidden',
  'read-only': 'errors.agentReadOnly',
  'not-a-key-field': 'errors.agentNotAKeyField',
  'cross-origin-frame': 'errors.agentCrossOriginFrame',
  gone: 'errors.agentGone',
  moved: 'errors.agentMoved',
};
