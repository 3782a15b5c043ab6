/**
 * What the background and the injected fill agent say to each other.
 * @module
 */

/** The name under which the injected agent waits in the extension's isolated world. */
export const AGENT_GLOBAL = '__aiKeyVaultFillAgent';

/** The file the background injects (the `fill-agent` unlisted script). */
export const AGENT_FILE = '/fill-agent.js';

export type AgentRefusal = 'no-field' | 'hidden' | 'read-only' | 'not-a-key-field' | 'cross-origin-frame' | 'gone' | 'moved';
/** Where the field is: its provider hints and the origin of the document the agent runs in. */
export type LocateAnswer = { ok: true; providers: string[]; origin: string } | { ok: false; reason: AgentRefusal };
export type FillAnswer = { ok: true } | { ok: false; reason: AgentRefusal };

export const AGENT_REFUSALS: Readonly<Record<AgentRefusal, string>> = {
  'no-field': 'No API-key field found on this page. Click into the field, then fill again.',
  hidden: 'That field is hidden. AI Key Vault fills only fields you can see.',
  'read-only': 'That field cannot be edited.',
  'not-a-key-field': 'That field is for an account’s name or password, not an API key.',
  'cross-origin-frame': 'That field is in a frame from another site. AI Key Vault does not fill it from here.',
  gone: 'The field went away before it could be filled. Try again.',
  moved: 'The page changed before the key could be filled. Fill again.',
};
