/**
 * Every message passes here: sender checked, then the message's shape, then the request
 * against its schema, then the handler. It answers with a Result and never throws.
 * @module
 */
import type { z } from 'zod/mini';
import { i18n } from '#i18n';
import { MessageSchema, PROTOCOL, type MessageType, type Result, type SenderClass } from '../messages.ts';
import { VaultError } from '../vault/errors.ts';
import { SyncError } from '../sync/sync-error.ts';
import { BackgroundError } from './errors.ts';
import { say } from '../say.ts';

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

/** Turns any error into an answer, in the reader's language; only our own errors' words reach the caller. */
function toFailure(error: unknown): Result<never> {
  if (error instanceof VaultError || error instanceof SyncError) return refuse(error.code, say(error.words));
  if (error instanceof BackgroundError) {
    return { ok: false, code: error.code, message: say(error.words), ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}) };
  }
  // Foreign errors (storage quota, a bug) could quote anything: log the kind only.
  console.error('AI Key Vault: request failed:', error instanceof Error ? error.name : typeof error);
  return refuse('internal', i18n.t('errors.internal'));
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
  if (!senderClass) return refuse('forbidden', i18n.t('errors.forbiddenSender'));
  const envelope = MessageSchema.safeParse(message);
  if (!envelope.success) return refuse('malformed', i18n.t('errors.malformed'));
  const { type, data } = envelope.data;
  if (!isMessageType(type)) return refuse('unknown-type', i18n.t('errors.unknownType'));
  const entry = PROTOCOL[type];
  if (!(entry.senders as readonly SenderClass[]).includes(senderClass)) {
    return refuse('forbidden', i18n.t('errors.forbiddenHere'));
  }
  const request = entry.request.safeParse(data);
  if (!request.success) {
    const issue = request.error.issues[0];
    return refuse('malformed', i18n.t('errors.invalidRequest', [issue?.path.join('.') || type, issue?.message ?? 'invalid']));
  }
  try {
    const handler = handlers[type] as (request: unknown, sender: SenderContext) => Promise<unknown>;
    return { ok: true, data: await handler(request.data, sender) };
  } catch (error) {
    return toFailure(error);
  }
}
