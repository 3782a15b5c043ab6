/**
 * Every message passes here: sender checked, then the message's shape, then the request
 * against its schema, then the handler. It answers with a Result and never throws.
 * @module
 */
import type { z } from 'zod/mini';
import { MessageSchema, PROTOCOL, type MessageType, type Result, type SenderClass } from '../messages.ts';
import { VaultError } from '../vault/errors.ts';
import { SyncError } from '../sync/sync-error.ts';
import { BackgroundError } from './errors.ts';

/** Where a message came from, as the browser reports it (never as the message claims). */
export interface SenderContext {
  tabId?: number;
  tabUrl?: string;
  frameId?: number;
  frameUrl?: string;
  /** The frame's document (Chrome, and Firefox since it reports one): a new page in the frame is a new document. */
  documentId?: string;
  /** The frame's origin, where the browser reports it (Chrome). */
  origin?: string;
}

export type Handlers = {
  [T in MessageType]: (
    request: z.infer<(typeof PROTOCOL)[T]['request']>,
    sender: SenderContext,
  ) => Promise<z.infer<(typeof PROTOCOL)[T]['response']>>;
};

function refuse(code: Extract<Result<never>, { ok: false }>['code'], message: string): Result<never> {
  return { ok: false, code, message };
}

function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(PROTOCOL, type);
}

/** Turns any error into an answer; only our own errors' messages reach the caller. */
function toFailure(error: unknown): Result<never> {
  if (error instanceof VaultError || error instanceof SyncError) return refuse(error.code, error.message);
  if (error instanceof BackgroundError) {
    return { ok: false, code: error.code, message: error.message, ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}) };
  }
  // Foreign errors (storage quota, a bug) could quote anything: log the kind only.
  console.error('AI Key Vault: request failed:', error instanceof Error ? error.name : typeof error);
  return refuse('internal', 'Something went wrong inside the vault; nothing was changed. Try again.');
}

/**
 * Routes one message from a classified sender (undefined = not to be heard).
 */
export async function route(
  message: unknown,
  senderClass: SenderClass | undefined,
  handlers: Handlers,
  sender: SenderContext = {},
): Promise<Result<unknown>> {
  if (!senderClass) return refuse('forbidden', 'This sender may not talk to AI Key Vault.');
  const envelope = MessageSchema.safeParse(message);
  if (!envelope.success) return refuse('malformed', 'The request is not a message AI Key Vault understands.');
  const { type, data } = envelope.data;
  if (!isMessageType(type)) return refuse('unknown-type', 'Unknown request type.');
  const entry = PROTOCOL[type];
  if (!(entry.senders as readonly SenderClass[]).includes(senderClass)) {
    return refuse('forbidden', 'This request is not allowed from here.');
  }
  const request = entry.request.safeParse(data);
  if (!request.success) {
    const issue = request.error.issues[0];
    return refuse('malformed', `Invalid request: ${issue?.path.join('.') || type}: ${issue?.message ?? 'invalid'}`);
  }
  try {
    const handler = handlers[type] as (request: unknown, sender: SenderContext) => Promise<unknown>;
    return { ok: true, data: await handler(request.data, sender) };
  } catch (error) {
    return toFailure(error);
  }
}
