/**
 * Checks one key: builds its check request and classifies the answer. The request goes
 * out through `sendWithKey` (key only to its own endpoint, in a header, no cookies, no
 * redirects).
 * @module
 */
import { findProvider } from '../../providers/catalog.ts';
import { buildCheckRequest } from '../../providers/check-request.ts';
import { EndpointError } from '../../providers/effective-endpoint.ts';
import { classifyAnswer, type CheckResult } from '../../providers/classify.ts';
import type { Entry } from '../../vault/payload-schema.ts';
import { sendWithKey, type SendDeps } from '../net/send-with-key.ts';
import { words } from '../../words.ts';

export type CheckDeps = SendDeps;

/** Checks one entry; never throws. `signal` cancels it (reported as a timeout). */
export async function runCheck(entry: Entry, deps: CheckDeps, signal?: AbortSignal): Promise<CheckResult> {
  const provider = findProvider(entry.provider);
  if (!provider) return { status: 'error', message: words('background.unknownProvider') };
  let request;
  try {
    request = buildCheckRequest(provider, entry);
  } catch (error) {
    // Anything but the key's own trouble is ours: said in general words, so one key never stops a check of all.
    return { status: 'error', message: error instanceof EndpointError ? error.words : words('check.requestNotMade') };
  }
  return classifyAnswer(provider, await sendWithKey(request, deps, signal), entry.secret);
}
