/**
 * Sends one key's check request and classifies the answer. The only code that sends a
 * key anywhere: to the key's own endpoint, in a header, without cookies, and never
 * through a redirect (a redirect could carry a key header to another host).
 * @module
 */
import { findProvider } from '../../providers/catalog.ts';
import { buildCheckRequest } from '../../providers/check-request.ts';
import { classifyAnswer, type CheckResult } from '../../providers/classify.ts';
import type { Entry } from '../../vault/payload-schema.ts';

export interface CheckDeps {
  fetch: typeof fetch;
  /** Whether the extension may contact this origin. */
  mayContact: (origin: string) => Promise<boolean>;
  timeoutMs: number;
}

const MAX_BODY = 1 << 20;

async function readLimited(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_BODY) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) all.set(chunk, (offset += chunk.length) - chunk.length);
  return new TextDecoder().decode(all.subarray(0, MAX_BODY));
}

/** Checks one entry; never throws. `signal` cancels it (reported as a timeout). */
export async function runCheck(entry: Entry, deps: CheckDeps, signal?: AbortSignal): Promise<CheckResult> {
  const provider = findProvider(entry.provider);
  if (!provider) return { status: 'error', message: 'This version does not know this provider.' };
  let request;
  try {
    request = buildCheckRequest(provider, entry);
  } catch (error) {
    return { status: 'error', message: (error as Error).message };
  }
  const url = new URL(request.url);
  if (!(await deps.mayContact(url.origin))) {
    return classifyAnswer(provider, { kind: 'failure', reason: 'no-permission', host: url.host }, entry.secret);
  }
  // One signal for "timed out or cancelled" (AbortSignal.any is too new for Firefox 115).
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), deps.timeoutMs);
  const cancel = () => stop.abort();
  signal?.addEventListener('abort', cancel);
  try {
    const response = await deps.fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      credentials: 'omit',
      redirect: 'error',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: stop.signal,
    });
    const body = await readLimited(response);
    return classifyAnswer(provider, { kind: 'response', status: response.status, body }, entry.secret);
  } catch {
    const reason = stop.signal.aborted ? 'timeout' : 'network';
    return classifyAnswer(provider, { kind: 'failure', reason, host: url.host }, entry.secret);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}
