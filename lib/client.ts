/**
 * The pages' side of the protocol: one typed call per request. Imports only types from
 * the protocol, so no schema library (and no crypto) is bundled into pages.
 * @module
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { MessageType, RequestOf, ResponseOf, Result } from './messages.ts';

/** Sends one request to the background and returns its answer; never throws. */
export async function ask<T extends MessageType>(type: T, data: RequestOf<T>): Promise<Result<ResponseOf<T>>> {
  try {
    const answer = (await browser.runtime.sendMessage({ type, data })) as Result<ResponseOf<T>> | undefined;
    return answer ?? { ok: false, code: 'internal', message: i18n.t('common.noAnswer') };
  } catch {
    return { ok: false, code: 'internal', message: i18n.t('common.noAnswer') };
  }
}
